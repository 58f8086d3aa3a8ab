//! Ways of driving the explorer: a tour's story steps (in the explorer, in
//! presentation mode, in the kiosk's attract loop), and the kiosk itself.
pub mod kiosk;
pub mod kiosk_check;
pub mod tour_player;
