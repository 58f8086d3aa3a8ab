//! Helpers shared by integration tests.

/// The seeded random source of the library's own tests, so that a failing
/// run can be replayed from its seed.
pub(crate) use chronoatlas::testing::Rng;

/// A press and release of the primary button at `pos`, with no move
/// before it: a tap on a touch screen (or a click once hovered).
#[allow(dead_code)] // (the kiosk soak test shares this file and taps nothing)
pub(crate) fn tap<S>(h: &mut egui_kittest::Harness<'_, S>, pos: egui::Pos2) {
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton {
            pos,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: Default::default(),
        });
    }
}
