//! The checks that keep the data from claiming more than its text: each
//! catches a record as it stood before they existed (issue 13), and the
//! bundled data passes them all.
use std::path::Path;

use chronoatlas::io::{self, Problem};

/// The bundled dataset's folder with `events` as its only events and
/// `tour` (if any) as its only tour, in a temporary folder.
fn dataset_with(events: &[&str], tour: Option<&str>) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("geodata");
    for f in ["places.tsv", "provinces_1937.tsv", "lines.json", "units.json"] {
        std::fs::copy(src.join(f), tmp.path().join(f)).unwrap();
    }
    std::fs::create_dir(tmp.path().join("source")).unwrap();
    let text = "000_c067ff9c493143ab.txt";
    std::fs::copy(
        src.join("source").join(text),
        tmp.path().join("source").join(text),
    )
    .unwrap();
    let features = events.join(",\n");
    let collection = format!("{{\"type\": \"FeatureCollection\", \"features\": [\n{features}\n]}}\n");
    std::fs::write(tmp.path().join("events.geojson"), collection).unwrap();
    if let Some(t) = tour {
        std::fs::create_dir(tmp.path().join("tours")).unwrap();
        std::fs::write(tmp.path().join("tours").join("story.json"), t).unwrap();
    }
    tmp
}

fn warnings_about(dir: &Path, record: &str) -> Vec<Problem> {
    let loaded = io::load_path(dir);
    let errors: Vec<String> = loaded.errors().map(|p| p.to_string()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    (loaded.problems.into_iter())
        .filter(|p| !p.is_error() && p.record.as_deref() == Some(record))
        .collect()
}

fn messages(ws: &[Problem]) -> String {
    ws.iter().map(|w| format!("{w}\n")).collect()
}

#[test]
fn the_bundled_data_claims_no_more_than_its_text() {
    let loaded = io::load_bundled();
    let all: Vec<String> = loaded.problems.iter().map(|p| p.to_string()).collect();
    assert!(all.is_empty(), "{all:#?}");
}

/// `trunk_railways_fall` before: five whole lines drawn as lost by January
/// 1938 on a quote that names none of them.
const OLD_TRUNK_RAILWAYS: &str = r#"{"type": "Feature", "id": "trunk_railways_fall", "geometry": null, "properties": {
  "kind": "occupation", "when": "1937-07-07/1938-01", "when_basis": "context",
  "title_zh": "各铁路干线相继沦陷", "title_en": "The trunk railways fall one after another",
  "places": ["huabei"], "lines": ["pinghan", "jinpu", "zhengtai", "tongpu", "jiaoji"], "units": ["japanese_army"],
  "quote": "各铁路干线和太原、济南、青岛等城市，也相继沦陷",
  "note": "The text does not list the lines; those drawn are the North China trunk lines it names elsewhere. Bounded by the fall of the Jiaoji line (January 1938)."}}"#;

#[test]
fn whole_lines_drawn_as_lost_without_a_named_stretch_are_reported() {
    let tmp = dataset_with(&[OLD_TRUNK_RAILWAYS], None);
    let ws = warnings_about(tmp.path(), "event 'trunk_railways_fall'");
    let lines: Vec<&Problem> = ws
        .iter()
        .filter(|w| w.message.contains("the whole line"))
        .collect();
    assert_eq!(lines.len(), 5, "{}", messages(&ws));
    assert!(
        lines[0].message.contains("'pinghan' is drawn as lost"),
        "{}",
        lines[0]
    );
    assert!(lines[0].line > 0 && lines[0].column > 0, "{}", lines[0]);
    // The same event with a dated stretch and its reference passes.
    let fixed = OLD_TRUNK_RAILWAYS
        .replace(r#""lines": ["pinghan", "jinpu", "zhengtai", "tongpu", "jiaoji"]"#,
                 r#""segments": [{"line": "pinghan", "from": "beijing", "to": "shijiazhuang"}], "refs": ["a reference"]"#)
        .replace(r#""when_basis": "context""#, r#""when_basis": "external""#);
    let tmp = dataset_with(&[&fixed], None);
    let ws = warnings_about(tmp.path(), "event 'trunk_railways_fall'");
    assert!(ws.is_empty(), "{}", messages(&ws));
}

#[test]
fn a_stretch_the_quote_does_not_name_needs_a_reading() {
    // `longhai_taiwei_sabotage` before: the whole Longhai, Lianyungang to Baoji.
    let old = r#"{"type": "Feature", "id": "longhai_taiwei_sabotage", "geometry": null, "properties": {
      "kind": "sabotage", "when": "1938-03", "when_basis": "context",
      "title_zh": "工人破坏队破袭陇海铁路和台潍公路", "title_en": "Workers' squads raid the Longhai railway and the Tai-Wei road",
      "places": ["taierzhuang"], "lines": ["longhai", "taiwei_road"],
      "quote": "他们组织的工人破坏队、爆炸队，深入敌军后方和侧翼，破袭陇海铁路和台 (儿庄) 潍 (县) 公路",
      "readings": [{"of": "date", "zh": "据台儿庄会战。", "en": "By the battle."}]}}"#;
    let tmp = dataset_with(&[old], None);
    let ws = warnings_about(tmp.path(), "event 'longhai_taiwei_sabotage'");
    assert_eq!(ws.len(), 2, "{}", messages(&ws));
    assert!(
        ws[0].message.contains("'longhai' is drawn as sabotaged"),
        "{}",
        ws[0]
    );
    // A stretch instead of the line still needs its basis...
    let stretch = old.replace(
        r#""lines": ["longhai", "taiwei_road"]"#,
        r#""segments": [{"line": "longhai", "from": "xinanzhen", "to": "dangshan"}]"#,
    );
    let tmp = dataset_with(&[&stretch], None);
    let ws = warnings_about(tmp.path(), "event 'longhai_taiwei_sabotage'");
    assert_eq!(ws.len(), 1, "{}", messages(&ws));
    assert!(ws[0].message.contains("xinanzhen–dangshan"), "{}", ws[0]);
    // ...given as a reading, it passes.
    let read = stretch.replace(
        r#""readings": ["#,
        r#""readings": [{"of": "stretch", "zh": "徐州一带。", "en": "Around Xuzhou."}, "#,
    );
    let tmp = dataset_with(&[&read], None);
    assert!(warnings_about(tmp.path(), "event 'longhai_taiwei_sabotage'").is_empty());
}

#[test]
fn a_range_may_not_end_on_a_day_nobody_gives() {
    // `workers_turn_to_arms` before: "quickly" (很快) made to end with 1938.
    let old = r#"{"type": "Feature", "id": "workers_turn_to_arms", "geometry": null, "properties": {
      "kind": "organising", "when": "1937-07-07/1938", "when_basis": "context",
      "title_zh": "工人运动转向武装斗争", "title_en": "The workers' movement turns to armed struggle",
      "places": ["huabei"], "quote": "工人运动很快地转向以武装斗争的方式进行抗日救亡",
      "readings": [{"of": "date", "zh": "很快。", "en": "Quickly."}]}}"#;
    let tmp = dataset_with(&[old], None);
    let ws = warnings_about(tmp.path(), "event 'workers_turn_to_arms'");
    assert_eq!(ws.len(), 1, "{}", messages(&ws));
    assert!(ws[0].message.contains("ends on 1938-12-31"), "{}", ws[0]);
    assert!(ws[0].message.contains("\"1937-07-07/..\""), "{}", ws[0]);
    // Open, or ending on a date the text writes (1938年7月4日), it passes.
    for when in ["1937-07-07/..", "1937-07-07/1938-07-04"] {
        let ok = old.replace("1937-07-07/1938", when);
        let tmp = dataset_with(&[&ok], None);
        let ws = warnings_about(tmp.path(), "event 'workers_turn_to_arms'");
        assert!(ws.is_empty(), "{when}: {}", messages(&ws));
    }
}

#[test]
fn a_date_read_from_the_context_must_say_how() {
    let old = r#"{"type": "Feature", "id": "shandong_5000", "geometry": null, "properties": {
      "kind": "statistic", "when": "1940", "when_basis": "context",
      "title_zh": "山东工人武装拥有5000人", "title_en": "Shandong's workers' units: 5,000 men",
      "places": ["zibo"], "size": "5000人",
      "quote": "单是山东省的淄博矿区武装队，胶济、津浦、张博铁路工人支队及胶东工人营，便拥有5000人"}}"#;
    let tmp = dataset_with(&[old], None);
    let ws = warnings_about(tmp.path(), "event 'shandong_5000'");
    assert_eq!(ws.len(), 1, "{}", messages(&ws));
    assert!(ws[0].message.contains("\"date\" reading"), "{}", ws[0]);
}

/// `city_workers_join_n4a` before: 先后 and 余 dropped, dated 1938 with no
/// basis given.
const OLD_CITY_WORKERS: &str = r#"{"type": "Feature", "id": "city_workers_join_n4a", "geometry": null, "properties": {
  "kind": "recruitment", "when": "1938", "when_basis": "context",
  "title_zh": "上海、南京、镇江、无锡工人4000余人参加新四军游击队", "title_en": "4,000 workers of four cities join the guerrillas",
  "places": ["shanghai"], "units": ["new_fourth_army"], "size": "4000余人",
  "summary_en": "More than 4,000 workers of Shanghai, Nanjing, Zhenjiang, Wuxi and other cities joined these units over time.",
  "quote": "上海、南京、镇江、无锡等城市的工人，先后有4000余人参加了这些队伍"}}"#;

#[test]
fn english_that_drops_more_than_is_reported() {
    let tmp = dataset_with(&[OLD_CITY_WORKERS], None);
    let ws = warnings_about(tmp.path(), "event 'city_workers_join_n4a'");
    let more: Vec<&Problem> = ws
        .iter()
        .filter(|w| w.message.contains("title_en says"))
        .collect();
    assert_eq!(more.len(), 1, "{}", messages(&ws));
    assert!(
        more[0].message.contains("'4,000'") && more[0].message.contains("4000余人"),
        "{}",
        more[0]
    );
    // The summary keeps "More than": no warning about it.
    assert!(
        !ws.iter().any(|w| w.message.contains("summary_en says")),
        "{}",
        messages(&ws)
    );
}

#[test]
fn a_caption_may_not_state_a_year_its_events_do_not_give() {
    // Step 7 of the story before: "In 1938 over 4,000 workers ... joined",
    // where the text says 先后 (one after another) and no year.
    let tour = r#"{"id": "story", "title_zh": "故事", "title_en": "Story", "steps": [
      {"title_zh": "上海与南方", "title_en": "Shanghai and the south",
       "caption_zh": "1938年，上海、南京、镇江、无锡的工人4000余人参加新四军游击队。",
       "caption_en": "In 1938 over 4,000 workers of Shanghai, Nanjing, Zhenjiang and Wuxi joined the New Fourth Army's units; in 1941 the column was renamed.",
       "date": "1939-12-31", "camera": {"fit": ["shanghai"]}, "events": ["city_workers_join_n4a"]}]}"#;
    let tmp = dataset_with(&[OLD_CITY_WORKERS], Some(tour));
    let ws = warnings_about(tmp.path(), "tour 'story' step 1");
    let about_1938: Vec<&Problem> = ws
        .iter()
        .filter(|w| {
            w.message
                .contains("states 1938 for event 'city_workers_join_n4a'")
        })
        .collect();
    assert_eq!(about_1938.len(), 2, "zh and en: {}", messages(&ws));
    assert!(
        about_1938[0].file.ends_with("story.json") && about_1938[0].line > 0,
        "{}",
        about_1938[0]
    );
    // 1941 is a year no event of the step has.
    assert!(
        ws.iter().any(|w| w.message.contains("states 1941, a year none")),
        "{}",
        messages(&ws)
    );
}

#[test]
fn a_caption_keeps_more_than_for_the_sizes_it_repeats() {
    // Step 6 of the story before: "a guerrilla unit of some 20" for 20余人.
    let formed = r#"{"type": "Feature", "id": "pinghan_guerrillas_formed", "geometry": null, "properties": {
      "kind": "unit_formed", "when": "1938年春", "when_basis": "text",
      "title_zh": "平汉铁路工人游击队组成", "title_en": "Pinghan Railway Workers' Guerrillas formed",
      "segments": [{"line": "pinghan", "from": "beijing", "to": "shijiazhuang"}], "size": "20余人",
      "quote": "平汉路北段的铁路工人，于1938年春，组成了平汉铁路工人游击队", "also_quotes": ["开始只有20余人"]}}"#;
    let step = |caption_en: &str| {
        format!(
            r#"{{"id": "story", "title_zh": "故事", "title_en": "Story", "steps": [
              {{"title_zh": "平汉", "title_en": "Pinghan", "caption_zh": "平汉铁路工人游击队。",
               "caption_en": "{caption_en}", "date": "1938-06-01", "camera": {{"fit": ["baoding"]}},
               "events": ["pinghan_guerrillas_formed"]}}]}}"#
        )
    };
    let old = step("In spring 1938 railwaymen formed a guerrilla unit of some 20, soon several hundred.");
    let tmp = dataset_with(&[formed], Some(&old));
    let ws = warnings_about(tmp.path(), "tour 'story' step 1");
    assert_eq!(ws.len(), 1, "{}", messages(&ws));
    assert!(ws[0].message.contains("caption_en says '20'"), "{}", ws[0]);
    let new =
        step("In spring 1938 railwaymen formed a guerrilla unit of just over 20, soon several hundred.");
    let tmp = dataset_with(&[formed], Some(&new));
    assert!(warnings_about(tmp.path(), "tour 'story' step 1").is_empty());
}
