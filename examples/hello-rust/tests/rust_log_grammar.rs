//! The webhook checks RUST_LOG with its own reading of EnvFilter's grammar; here the same table
//! (shared-model/src/test/resources/rust-log-filters.txt) goes through tracing-subscriber's parser, so
//! the two cannot drift apart unnoticed.

use tracing_subscriber::EnvFilter;

#[test]
fn the_webhooks_table_agrees_with_env_filter() {
    let table = include_str!("../../../shared-model/src/test/resources/rust-log-filters.txt");
    let mut disagreements = Vec::new();
    let mut cases = 0;
    for line in table.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
        let (expected, filter) = line.split_once('\t').expect("valid|invalid, a tab, the filter");
        let accepted = EnvFilter::builder().parse(filter).is_ok();
        cases += 1;
        if accepted != (expected == "valid") {
            disagreements.push(format!("{filter:?}: table says {expected}, EnvFilter accepted={accepted}"));
        }
    }
    assert!(cases >= 40, "the table has {cases} cases");
    assert!(disagreements.is_empty(), "{}", disagreements.join("\n"));
}
