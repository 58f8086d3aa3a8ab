//! The native window: its name and icon for the desktop, the eframe app
//! (a frame, then systemd's messages; settings saved), and opening it.
use super::{AppOptions, ChronoApp, SETTINGS_KEY, VIEW_OF_KEY, data_key, service};

impl eframe::App for ChronoApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
        self.tend_service(&ui.ctx().clone());
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        // A kiosk keeps nothing of one visitor for the next.
        if self.kiosk.is_some() {
            return;
        }
        eframe::set_value(storage, SETTINGS_KEY, &self.ex.settings());
        let c = self.memory.detached();
        if let Some(pos) = c {
            let data = data_key(self.data.as_deref());
            eframe::set_value(
                storage,
                VIEW_OF_KEY,
                &(data, pos.x(), pos.y(), self.memory.zoom()),
            );
        }
    }
}

/// The name the desktop knows the window by: its `.desktop` file is
/// `chronoatlas.desktop` (Wayland's app id, X11's WM_CLASS).
pub const APP_ID: &str = "chronoatlas";

/// The window's icon (the task bar, the window switcher), from the PNG
/// built from assets/icons/chronoatlas.svg.
pub fn window_icon() -> Option<egui::IconData> {
    eframe::icon_data::from_png_bytes(include_bytes!("../../assets/icons/chronoatlas-256.png"))
        .map_err(|e| log::warn!("the window icon cannot be read: {e}"))
        .ok()
}

/// Opens the window.
pub fn run(options: AppOptions) -> eframe::Result {
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("chronoatlas")
        .with_app_id(APP_ID)
        .with_inner_size([1440.0, 900.0]);
    if let Some(icon) = window_icon() {
        viewport = viewport.with_icon(icon);
    }
    if options.kiosk.is_some() {
        // Fullscreen, no title bar, no buttons to close or minimise.
        viewport = viewport
            .with_fullscreen(true)
            .with_decorations(false)
            .with_close_button(false)
            .with_minimize_button(false)
            .with_maximize_button(false);
    }
    let native = eframe::NativeOptions {
        viewport,
        persist_window: options.kiosk.is_none(),
        ..Default::default()
    };
    eframe::run_native(
        "chronoatlas",
        native,
        Box::new(move |cc| {
            let mut app = ChronoApp::new_in_background(&cc.egui_ctx, options, cc.storage);
            app.service = service::Service::new(crate::os::notify::Notifier::from_env());
            Ok(Box::new(app))
        }),
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_window_has_its_icon() {
        let icon = super::window_icon().expect("the icon decodes");
        assert_eq!((icon.width, icon.height), (256, 256));
        assert_eq!(icon.rgba.len(), 256 * 256 * 4);
    }
}
