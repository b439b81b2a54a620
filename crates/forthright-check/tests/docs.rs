//! `docs/rules.md` is generated from the registry; this test fails when the
//! file on disk is stale. `UPDATE_DOCS=1 cargo test -p forthright-check --test docs`
//! rewrites it.

#[test]
fn rules_md_is_up_to_date() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/rules.md");
    let want = forthright_check::docs::rules_markdown();
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&path, &want).unwrap();
        return;
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "{} is stale; regenerate with UPDATE_DOCS=1 cargo test -p forthright-check --test docs",
        path.display()
    );
    for r in forthright_check::rules() {
        assert!(
            have.contains(&format!("## {}", r.id)),
            "{} undocumented",
            r.id
        );
    }
}
