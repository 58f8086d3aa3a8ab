use super::*;

/// A copy of the bundled dataset in a temp folder.
fn copy() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    for (name, bytes) in FileSet::bundled().files() {
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
    (tmp, dir)
}

/// Every file of the folder, by name.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let name = p.strip_prefix(dir).unwrap().display().to_string();
                out.insert(name, std::fs::read(&p).unwrap());
            }
        }
    }
    out
}

fn event(ws: &Workspace, id: &str) -> serde_json::Value {
    let (_, text) = ws.records(EVENTS).unwrap().find(id).unwrap();
    serde_json::from_str(text).unwrap()
}

/// A step that sets one property of an event.
fn set_property(ws: &Workspace, id: &str, key: &str, value: &str) -> Step {
    let mut v = event(ws, id);
    v["properties"][key] = serde_json::Value::String(value.into());
    let text = pretty::to_string_at(&v, &ws.records(EVENTS).unwrap().indent);
    Step {
        label: format!("{key} of {id}"),
        edits: vec![ws.put(EVENTS, id, Some(text))],
    }
}

/// A step that adds a copy of `id` as `new_id`.
fn create(ws: &Workspace, id: &str, new_id: &str) -> Step {
    let mut v = event(ws, id);
    v["id"] = serde_json::Value::String(new_id.into());
    let text = pretty::to_string_at(&v, "    ");
    Step {
        label: format!("new {new_id}"),
        edits: vec![ws.put(EVENTS, new_id, Some(text))],
    }
}

/// A step that moves a place (its row's lon and lat).
fn move_place(ws: &Workspace, id: &str, lon: f64, lat: f64) -> Step {
    let (_, line) = ws.records(PLACES).unwrap().find(id).unwrap();
    let mut cells: Vec<String> = line.split('\t').map(str::to_string).collect();
    cells[5] = format!("{lon:.4}");
    cells[6] = format!("{lat:.4}");
    Step {
        label: format!("move {id}"),
        edits: vec![ws.put(PLACES, id, Some(cells.join("\t")))],
    }
}

#[test]
fn an_edit_saved_changes_only_its_lines_and_the_data_still_validates() {
    let (_tmp, dir) = copy();
    let before = snapshot(&dir);
    let mut ws = Workspace::open(&dir).unwrap();
    ws.act(set_property(&ws, "taiyuan_falls", "title_en", "Taiyuan is lost"))
        .unwrap();
    assert!(ws.is_dirty());
    assert_eq!(ws.save().unwrap(), [EVENTS]);
    assert!(!ws.is_dirty());
    let after = snapshot(&dir);
    let (old, new) = (
        String::from_utf8(before[EVENTS].clone()).unwrap(),
        String::from_utf8(after[EVENTS].clone()).unwrap(),
    );
    let changed: Vec<(&str, &str)> = old.lines().zip(new.lines()).filter(|(a, b)| a != b).collect();
    assert_eq!(changed.len(), 1, "{changed:?}");
    assert!(changed[0].1.contains("\"title_en\": \"Taiyuan is lost\""));
    assert_eq!(old.lines().count(), new.lines().count());
    for (name, bytes) in &before {
        if name != EVENTS {
            assert_eq!(&after[name], bytes, "{name} untouched");
        }
    }
    let loaded = crate::io::load_path(&dir);
    assert!(loaded.is_valid(), "{:?}", loaded.errors().next());
    assert_eq!(
        loaded.dataset.event("taiyuan_falls").unwrap().title_en,
        "Taiyuan is lost"
    );
}

#[test]
fn undoing_a_create_a_move_and_a_delete_gives_the_files_back_byte_for_byte() {
    let (_tmp, dir) = copy();
    let before = snapshot(&dir);
    let mut ws = Workspace::open(&dir).unwrap();
    ws.act(create(&ws, "taiyuan_falls", "taiyuan_falls_again"))
        .unwrap();
    ws.act(move_place(&ws, "taiyuan", 112.6, 37.9)).unwrap();
    // (An event no tour step names: deleting one that is named is refused
    // by validation, as it should be.)
    let delete = ws.put(EVENTS, "workers_turn_to_arms", None);
    ws.act(Step {
        label: "delete".into(),
        edits: vec![delete],
    })
    .unwrap();
    ws.save().unwrap();
    assert_ne!(snapshot(&dir), before);
    let loaded = crate::io::load_path(&dir);
    assert!(loaded.is_valid(), "{:?}", loaded.errors().next());
    assert_eq!(loaded.dataset.event_count(), 92, "one more, one fewer");
    for _ in 0..3 {
        assert!(ws.undo().unwrap().is_some());
    }
    assert_eq!(ws.undo().unwrap(), None, "nothing more to undo");
    ws.save().unwrap();
    assert_eq!(snapshot(&dir), before);
    // And redo brings them back.
    for _ in 0..3 {
        ws.redo().unwrap();
    }
    assert!(ws.records(EVENTS).unwrap().find("taiyuan_falls_again").is_some());
    assert!(ws.records(EVENTS).unwrap().find("workers_turn_to_arms").is_none());
}

#[test]
fn random_edits_then_as_many_undos_give_back_the_original_files() {
    let (_tmp, dir) = copy();
    let before = snapshot(&dir);
    let mut ws = Workspace::open(&dir).unwrap();
    let places: Vec<String> = ws
        .records(PLACES)
        .unwrap()
        .records()
        .iter()
        .map(|r| r.id.clone())
        .collect();
    // A small deterministic generator: the same sequences every run.
    let mut seed = 0x9E37_79B9_7F4A_7C15_u64;
    let mut next = |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    for round in 0..20 {
        let steps = 1 + next(12);
        let mut done = 0;
        for k in 0..steps {
            let live: Vec<String> = ws
                .records(EVENTS)
                .unwrap()
                .records()
                .iter()
                .map(|r| r.id.clone())
                .collect();
            let pick = live[next(live.len())].clone();
            let step = match next(4) {
                0 => set_property(&ws, &pick, "note", &format!("round {round} step {k}")),
                1 => create(&ws, &pick, &format!("new_{round}_{k}")),
                2 => Step {
                    label: "delete".into(),
                    edits: vec![ws.put(EVENTS, &pick, None)],
                },
                _ => move_place(
                    &ws,
                    &places[next(places.len())],
                    110.0 + next(100) as f64 / 10.0,
                    35.0,
                ),
            };
            ws.act(step).unwrap();
            done += 1;
        }
        for _ in 0..done {
            ws.undo().unwrap();
        }
        assert!(!ws.is_dirty(), "round {round}");
        ws.save().unwrap();
        assert_eq!(snapshot(&dir), before, "round {round}");
    }
}

#[test]
fn a_file_changed_on_disk_while_edits_are_pending_is_never_overwritten_silently() {
    let (_tmp, dir) = copy();
    let mut ws = Workspace::open(&dir).unwrap();
    ws.act(set_property(&ws, "taiyuan_falls", "note", "mine"))
        .unwrap();
    // Another program saves the same file.
    let theirs = std::fs::read_to_string(dir.join(EVENTS))
        .unwrap()
        .replace("七七事变", "七七事件");
    std::fs::write(dir.join(EVENTS), &theirs).unwrap();
    assert_eq!(ws.save(), Err(SaveError::Changed(vec![EVENTS.to_string()])));
    assert_eq!(
        std::fs::read_to_string(dir.join(EVENTS)).unwrap(),
        theirs,
        "theirs is left as it is"
    );
    // Keep theirs: their file stays, my edit to it is dropped.
    let mut keep_theirs = Workspace::open(&dir).unwrap();
    keep_theirs
        .act(set_property(&keep_theirs, "taiyuan_falls", "note", "mine"))
        .unwrap();
    std::fs::write(dir.join(EVENTS), theirs.replace("七七事件", "七七事变!")).unwrap();
    keep_theirs.save_keeping(Keep::Theirs).unwrap();
    let on_disk = std::fs::read_to_string(dir.join(EVENTS)).unwrap();
    assert!(on_disk.contains("七七事变!") && !on_disk.contains("\"mine\""));
    // Keep mine: my edit is written over theirs.
    ws.save_keeping(Keep::Mine).unwrap();
    let on_disk = std::fs::read_to_string(dir.join(EVENTS)).unwrap();
    assert!(on_disk.contains("\"note\": \"mine\""));
    assert!(!dir.join(".events.geojson.chronoatlas-tmp").exists());
}

#[test]
fn pending_edits_are_autosaved_and_offered_back_after_a_crash() {
    let (_tmp, dir) = copy();
    let mut ws = Workspace::open(&dir).unwrap();
    assert!(!ws.autosave().unwrap(), "nothing to keep");
    ws.act(create(&ws, "taiyuan_falls", "kept_by_autosave")).unwrap();
    assert!(ws.autosave().unwrap());
    drop(ws); // the session ends without saving
    let mut again = Workspace::open(&dir).unwrap();
    let r = again.recovery().expect("offered back");
    again.restore(&r).unwrap();
    assert!(again.records(EVENTS).unwrap().find("kept_by_autosave").is_some());
    again.save().unwrap();
    assert!(!dir.join(AUTOSAVE).exists(), "a save removes the autosave");
    assert!(
        std::fs::read_to_string(dir.join(EVENTS))
            .unwrap()
            .contains("kept_by_autosave")
    );
    // An autosave of files changed since is not offered.
    let mut ws = Workspace::open(&dir).unwrap();
    ws.act(create(&ws, "taiyuan_falls", "stale")).unwrap();
    ws.autosave().unwrap();
    std::fs::write(
        dir.join(EVENTS),
        std::fs::read(dir.join(EVENTS)).unwrap().repeat(1),
    )
    .unwrap();
    std::fs::write(dir.join(PLACES), b"id\tname_zh\n").unwrap();
    let mut changed = std::fs::read_to_string(dir.join(EVENTS)).unwrap();
    changed.push('\n');
    std::fs::write(dir.join(EVENTS), changed).unwrap();
    assert_eq!(Workspace::open(&dir).unwrap().recovery(), None);
}

#[test]
fn a_new_tour_is_a_new_file_and_undone_is_gone() {
    let (_tmp, dir) = copy();
    let mut ws = Workspace::open(&dir).unwrap();
    let tour = "tours/mine.json";
    ws.act(Step {
        label: "new tour".into(),
        edits: vec![ws.put_file(tour, Some("{\"id\": \"mine\"}\n".into()))],
    })
    .unwrap();
    assert_eq!(ws.unsaved(), [tour]);
    ws.save().unwrap();
    assert!(dir.join(tour).exists());
    ws.undo().unwrap();
    ws.save().unwrap();
    assert!(!dir.join(tour).exists());
}
