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

/// The bundled dataset written into the folder `dir` (a user's copy to
/// edit or break).
#[allow(dead_code)]
pub(crate) fn bundled_copy(dir: &std::path::Path) -> std::path::PathBuf {
    for (name, bytes) in chronoatlas::io::FileSet::bundled().files() {
        let p = dir.join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    }
    dir.to_path_buf()
}

/// Replaces a text field's text as a user does: a click into it, Ctrl+A,
/// then the text typed.
#[allow(dead_code)]
pub(crate) fn retype<S>(
    h: &mut egui_kittest::Harness<'_, S>,
    role: egui::accesskit::Role,
    label: &str,
    text: &str,
) {
    use egui_kittest::kittest::Queryable;
    h.get_by_role_and_label(role, label).click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_role_and_label(role, label).type_text(text);
    h.run();
}
