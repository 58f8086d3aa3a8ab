use super::*;

use crate::testing::Rng;
use egui::pos2;

fn site(key: usize, x: f32, y: f32, reach: f32, weight: u32) -> Site {
    Site {
        key,
        at: pos2(x, y),
        reach,
        weight,
        area: false,
    }
}

fn random_sites(seed: u64, n: usize) -> Vec<Site> {
    let mut r = Rng(seed);
    (0..n)
        .map(|key| {
            site(
                key,
                r.f() * 900.0,
                r.f() * 600.0,
                6.0 + (r.f() * 16.0).floor(),
                1 + (r.f() * 4.0) as u32,
            )
        })
        .collect()
}

/// Every disc that may be drawn for each group: its disc on the anchor
/// (wide enough for any of its markers), and its free sites' own.
fn discs(sites: &[Site], g: &Groups) -> Vec<(usize, Pos2, f32)> {
    let mut out: Vec<_> = (sites.iter().enumerate())
        .filter(|(i, _)| g.is_free(*i))
        .map(|(i, s)| (g.of(i), s.at, s.reach))
        .collect();
    for k in 0..g.len() {
        out.push((k, sites[g.anchor(k)].at, g.room(k)));
    }
    out
}

#[test]
fn what_stands_at_different_groups_never_touches() {
    for seed in 1..40 {
        let sites = random_sites(seed, 120);
        let g = group(&sites);
        assert!(g.len() > 5, "seed {seed}: not everything in one group");
        let all = discs(&sites, &g);
        for (n, a) in all.iter().enumerate() {
            for b in &all[n + 1..] {
                if a.0 != b.0 {
                    assert!(
                        a.1.distance(b.1) >= a.2 + b.2 + GAP - 1e-3,
                        "seed {seed}: groups {} and {} touch",
                        a.0,
                        b.0
                    );
                }
            }
        }
        // A site that is not free stands on its anchor: the anchor's room
        // holds its marker, and the group's disc.
        for (i, s) in sites.iter().enumerate() {
            let k = g.of(i);
            assert!(g.room(k) >= s.reach);
            if g.can_gather(k) {
                assert!(g.room(k) >= g.radius(k));
            }
        }
    }
}

#[test]
fn a_line_of_stations_does_not_chain_into_one_group() {
    // Thirty stations 16 px apart along a railway, one event each.
    let sites: Vec<Site> = (0..30)
        .map(|k| site(k, 100.0 + 16.0 * k as f32, 300.0, 8.7, 1))
        .collect();
    let g = group(&sites);
    assert!(g.len() >= 6, "{} groups", g.len());
    for (i, s) in sites.iter().enumerate() {
        let anchor = &sites[g.anchor(g.of(i))];
        assert!(
            s.at.distance(anchor.at) < 80.0,
            "station {i} gathered {} px away",
            s.at.distance(anchor.at)
        );
    }
}

#[test]
fn a_city_anchors_before_the_middle_of_a_province() {
    let mut province = site(0, 100.0, 100.0, 8.0, 9);
    province.area = true;
    let sites = [province, site(1, 110.0, 100.0, 8.0, 3)];
    let g = group(&sites);
    assert_eq!(g.of(0), g.of(1));
    assert_eq!(g.anchor(g.of(0)), 1);
}

#[test]
fn far_places_stand_alone_and_near_ones_gather_at_the_busiest() {
    let sites = [
        site(0, 100.0, 100.0, 6.0, 1),
        site(1, 108.0, 104.0, 6.0, 3),
        site(2, 400.0, 100.0, 6.0, 1),
    ];
    let g = group(&sites);
    assert_eq!(g.len(), 2);
    assert_eq!(g.of(0), g.of(1));
    assert_ne!(g.of(0), g.of(2));
    assert_eq!(g.anchor(g.of(0)), 1, "the place with the most events");
    assert!(g.can_gather(g.of(0)));
    assert!(!g.can_gather(g.of(2)), "one event: no group disc");
}

#[test]
fn a_group_disc_takes_in_what_it_touches() {
    // Two small markers 14 px apart do not touch (6 + 6 + 2), but the
    // disc of the group of the three events (radius 12.6) does.
    let sites = [site(0, 100.0, 100.0, 6.0, 2), site(1, 114.0, 100.0, 6.0, 1)];
    let g = group(&sites);
    assert_eq!(g.of(0), g.of(1));
    // Without a second event there, no disc, and they stay apart.
    let sites = [site(0, 100.0, 100.0, 6.0, 1), site(1, 114.0, 100.0, 6.0, 1)];
    assert_ne!(group(&sites).of(0), group(&sites).of(1));
}

#[test]
fn groups_do_not_depend_on_the_order_of_the_sites() {
    let sites = random_sites(7, 80);
    let g = group(&sites);
    let mut reversed = sites.clone();
    reversed.reverse();
    let h = group(&reversed);
    let n = sites.len();
    for i in 0..n {
        for j in 0..n {
            assert_eq!(
                g.of(i) == g.of(j),
                h.of(n - 1 - i) == h.of(n - 1 - j),
                "{i} and {j}"
            );
        }
        let anchor_key = |g: &Groups, s: &[Site], i: usize| s[g.anchor(g.of(i))].key;
        assert_eq!(anchor_key(&g, &sites, i), anchor_key(&h, &reversed, n - 1 - i));
    }
}

#[test]
fn places_off_the_map_stand_alone() {
    let sites = [site(0, f32::NAN, 0.0, 6.0, 3), site(1, 0.0, 0.0, 6.0, 3)];
    let g = group(&sites);
    assert_ne!(g.of(0), g.of(1));
}

#[test]
fn spread_markers_never_touch_each_other_or_the_group_disc() {
    let mut r = Rng(5);
    for count in [1, 2, 3, 7, 12, 30, 80] {
        for widest in [6.0, 14.0, 28.0] {
            // Mostly small markers, a few large ones, as in the data.
            let extents: Vec<f32> = (0..count)
                .map(|_| {
                    if r.f() < 0.2 {
                        6.0 + r.f() * (widest - 6.0)
                    } else {
                        8.7
                    }
                })
                .collect();
            let c = pos2(300.0, 300.0);
            let at = spread(c, 12.0, &extents);
            assert_eq!(at.len(), count);
            for (n, a) in at.iter().enumerate() {
                assert!(
                    a.distance(c) >= 12.0 + extents[n],
                    "{count} {widest}: on the disc"
                );
                for (m, b) in at.iter().enumerate().skip(n + 1) {
                    assert!(
                        a.distance(*b) >= extents[n] + extents[m],
                        "{count} {widest}: {n} and {m} touch"
                    );
                }
            }
            let reach = spread_reach(12.0, &extents);
            assert!(
                at.iter()
                    .zip(&extents)
                    .all(|(p, e)| p.distance(c) + e <= reach + 1e-3)
            );
        }
    }
    // The first stands above the centre: the same every time.
    let at = spread(pos2(0.0, 0.0), 12.0, &[6.0, 6.0, 6.0]);
    assert!(at[0].x.abs() < 1e-3 && at[0].y < 0.0);
    // Small markers pack closer than the widest would allow: 28 of them,
    // one large, stay within two rings.
    let mut extents = vec![8.7; 28];
    extents[3] = 28.0;
    let reach = spread_reach(16.0, &extents);
    assert!(reach < 130.0, "{reach}");
}
