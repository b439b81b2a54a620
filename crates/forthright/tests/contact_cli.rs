//! `forthright contact` and `forthright case` through the real binary on SQLite:
//! recorded contacts feed the planner (P1, P2) and show in the case (P9).

use serde_json::Value;

mod common;

use common::{forthright, json, ok};

fn plan_of(plan: &Value, case: i64) -> &Value {
    plan["plans"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["case_id"] == case)
        .unwrap_or_else(|| panic!("case {case} is planned"))
}

fn state_of(db: &str, case: i64) -> String {
    json(db, &["case", &case.to_string(), "--json"])["case"]["state"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[test]
fn recorded_contacts_drive_the_plan_and_show_in_the_case() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}", dir.path().join("f.db").display());
    common::shop(&db, dir.path(), 200, 800, 5);
    let disruptions = json(&db, &["disruptions", "--json"]);
    let d = disruptions[0]["id"]
        .as_i64()
        .expect("a detected disruption")
        .to_string();
    let plan = json(&db, &["plan", &d, "--json"]);
    let calls: Vec<i64> = plan["plans"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["channel"]["channel"] == "phone")
        .map(|p| p["case_id"].as_i64().unwrap())
        .collect();
    assert!(calls.len() >= 2, "the shop has cases to call: {calls:?}");
    let (unanswered, caller) = (calls[0], calls[1]);
    let (a, b) = (unanswered.to_string(), caller.to_string());

    // Planning moved the detected cases to planned, with an audit event (P13).
    assert_eq!(state_of(&db, unanswered), "planned");
    let view = json(&db, &["case", &a, "--json"]);
    let events = view["events"].as_array().unwrap();
    assert!(
        events.iter().any(|e| e["kind"] == "state_changed"
            && e["detail"]
                .as_str()
                .unwrap()
                .starts_with("detected -> planned")),
        "{events:?}"
    );
    assert_eq!(view["plan"]["channel"]["channel"], "phone");

    // Two unanswered calls (P2) ...
    let first = json(
        &db,
        &[
            "contact",
            &a,
            "--channel",
            "phone",
            "--outcome",
            "no_answer",
            "--agent",
            "ana",
            "--json",
        ],
    );
    assert_eq!(first["summary"]["failed_call_attempts"], 1);
    assert_eq!(first["state"], "planned", "an unanswered call tells nobody");
    let script = json(&db, &["script", &a, "--json"]);
    assert_eq!(
        script["plan"]["channel"]["channel"], "phone",
        "one failed call: still a call"
    );
    let second = json(
        &db,
        &[
            "contact",
            &a,
            "--channel",
            "phone",
            "--outcome",
            "busy",
            "--at",
            "2026-11-23T10:15:00Z",
            "--json",
        ],
    );
    assert_eq!(second["summary"]["failed_call_attempts"], 2);
    assert_eq!(second["contact"]["at"], "2026-11-23T10:15:00Z");

    // ... and the script turns to writing, offering a call, ready to send.
    let script = json(&db, &["script", &a, "--json"]);
    let channel = script["plan"]["channel"]["channel"].as_str().unwrap();
    assert!(matches!(channel, "email" | "sms"), "{}", script["plan"]);
    let reason = script["plan"]["channel"]["reason"].as_str().unwrap();
    assert!(
        reason.contains("2 call attempts unanswered") && reason.contains("offering a call"),
        "{reason}"
    );
    assert_eq!(script["message"]["channel"], channel);
    assert_eq!(script["message"]["ready"], true, "{}", script["message"]);
    assert!(
        script["message"]["body"]
            .as_str()
            .unwrap()
            .to_lowercase()
            .contains("call"),
        "a written message offers a call (P2): {}",
        script["message"]["body"]
    );
    // The whole queue agrees.
    let plan = json(&db, &["plan", &d, "--json"]);
    assert_eq!(plan_of(&plan, unanswered)["channel"]["channel"], channel);

    // A customer who called us first: the race is lost (P1), their words are kept (P9).
    let before = plan_of(&plan, caller)["priority"]["score"]
        .as_i64()
        .unwrap();
    let words = "Called before any email came; would take a partial shipment now";
    let inbound = json(
        &db,
        &[
            "contact",
            &b,
            "--channel",
            "phone",
            "--outcome",
            "reached",
            "--inbound",
            "--agent",
            "ben",
            "--note",
            words,
            "--json",
        ],
    );
    assert_eq!(inbound["state"], "contacted");
    assert_eq!(inbound["summary"]["race"], "lost");
    let view = json(&db, &["case", &b, "--json"]);
    let contacts = view["contacts"].as_array().unwrap();
    assert_eq!(contacts.len(), 1);
    assert_eq!(contacts[0]["direction"], "inbound");
    assert_eq!(contacts[0]["note"], words);
    assert_eq!(view["contact_summary"]["contacted_us"], true);
    assert_eq!(view["contact_summary"]["race"], "lost");
    assert!(
        view["contact_summary"]["time_to_first_contact_secs"].is_i64(),
        "{}",
        view["contact_summary"]
    );
    assert_eq!(view["case"]["state"], "contacted");
    let kinds: Vec<&str> = view["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert!(kinds.ends_with(&["contact", "state_changed"]), "{kinds:?}");
    // ... and the next plan ranks them accordingly.
    let plan = json(&db, &["plan", &d, "--json"]);
    let after = plan_of(&plan, caller);
    assert!(
        after["priority"]["reasons"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["factor"] == "contacted_us"),
        "{}",
        after["priority"]
    );
    assert_eq!(after["priority"]["score"].as_i64().unwrap(), before + 25);

    // The human view names it all.
    let text = ok(&db, &["case", &b]);
    for needle in [
        "contact attempts:",
        "inbound phone, reached, by agent ben",
        words,
        "race: lost",
        "audit trail:",
        "plan: rank",
    ] {
        assert!(text.contains(needle), "{needle:?} missing from:\n{text}");
    }
}

#[test]
fn contacts_that_cannot_be_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}", dir.path().join("f.db").display());
    common::shop(&db, dir.path(), 200, 800, 5);
    let cases = json(&db, &["cases", "--json"]);
    let case = cases[0]["id"].as_i64().expect("a case").to_string();
    let refused = |args: &[&str], expect: &str| {
        let out = forthright(&db, args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(expect), "{args:?}: {err}");
    };
    refused(
        &["contact", &case, "--channel", "email", "--outcome", "busy"],
        "cannot end busy",
    );
    refused(
        &[
            "contact",
            "999999",
            "--channel",
            "phone",
            "--outcome",
            "no_answer",
        ],
        "no case with id 999999",
    );
    refused(&["case", "999999"], "no case with id 999999");
    let out = forthright(
        &db,
        &["contact", &case, "--channel", "fax", "--outcome", "reached"],
    );
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("one of phone, voicemail, email, sms"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Nothing was recorded.
    let view = json(&db, &["case", &case, "--json"]);
    assert_eq!(view["contacts"].as_array().unwrap().len(), 0);
}
