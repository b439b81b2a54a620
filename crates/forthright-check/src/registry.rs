//! The rule registry: every rule's metadata, in one place (the way ruff does it).
//!
//! Rule ids are a public interface (issue 4): keep them exactly. The order of
//! [`RULES`] is the documentation order and defines the internal rule codes in
//! [`code`].

use crate::rules::{self, RuleDef};
use crate::{Channel, Kind, Severity};
use serde::Serialize;
use std::fmt;

/// The family a rule belongs to; `--select`/`--ignore` accept these too.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    /// Fault put on someone else (P7).
    Blame,
    /// Tone that belittles the news or the customer (P6).
    Tone,
    /// Apologies that do not apologise (P6).
    Apology,
    /// Claims that are vague, evasive or cannot be kept (P5).
    Honesty,
    /// Elements a bad-news message must have, in the right place (P4..P14).
    Structure,
    /// Fitness for the channel (P2).
    Channel,
    /// Words a customer should not have to decode.
    Clarity,
}

impl Category {
    /// Every category.
    pub const ALL: [Category; 7] = [
        Category::Blame,
        Category::Tone,
        Category::Apology,
        Category::Honesty,
        Category::Structure,
        Category::Channel,
        Category::Clarity,
    ];

    /// The lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Blame => "blame",
            Category::Tone => "tone",
            Category::Apology => "apology",
            Category::Honesty => "honesty",
            Category::Structure => "structure",
            Category::Channel => "channel",
            Category::Clarity => "clarity",
        }
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A message that shows a rule at work; tested (see the registry tests).
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Example {
    /// The message text.
    pub text: &'static str,
    /// The channel to check it under, if it matters.
    pub channel: Option<Channel>,
    /// The disruption kind, if it matters.
    pub kind: Option<Kind>,
}

impl Example {
    /// An example checked without channel or kind.
    pub const fn plain(text: &'static str) -> Self {
        Example {
            text,
            channel: None,
            kind: None,
        }
    }

    /// An example checked under a channel.
    pub const fn on(channel: Channel, text: &'static str) -> Self {
        Example {
            text,
            channel: Some(channel),
            kind: None,
        }
    }
}

/// One rule's public description.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Rule {
    /// Stable kebab-case id, e.g. `missing-thanks`.
    pub id: &'static str,
    /// Family.
    pub category: Category,
    /// Default severity.
    pub severity: Severity,
    /// One line: what it flags.
    pub summary: &'static str,
    /// The playbook principle it enforces, e.g. `P6`.
    pub principle: &'static str,
    /// Why it matters, a short paragraph.
    pub rationale: &'static str,
    /// Messages that must trigger the rule.
    pub bad: &'static [Example],
    /// Messages that must not trigger the rule.
    pub good: &'static [Example],
}

/// Every rule, in documentation order.
pub(crate) static RULES: [&RuleDef; 22] = [
    &rules::blame::DEF,
    &rules::blame_customer::DEF,
    &rules::minimizing::DEF,
    &rules::humor::DEF,
    &rules::conditional_apology::DEF,
    &rules::boilerplate_apology::DEF,
    &rules::vague_timeline::DEF,
    &rules::evasive_passive::DEF,
    &rules::over_promise::DEF,
    &rules::sugarcoating::DEF,
    &rules::buried_news::DEF,
    &rules::missing_reason::DEF,
    &rules::missing_apology::DEF,
    &rules::missing_empathy::DEF,
    &rules::missing_alternative::DEF,
    &rules::missing_next_step::DEF,
    &rules::missing_question::DEF,
    &rules::missing_thanks::DEF,
    &rules::written_channel::DEF,
    &rules::shouting::DEF,
    &rules::jargon::DEF,
    &rules::sms_too_long::DEF,
];

/// Internal rule codes: the index of each rule in [`RULES`].
pub(crate) mod code {
    pub const BLAME: u8 = 0;
    pub const BLAME_CUSTOMER: u8 = 1;
    pub const CONDITIONAL_APOLOGY: u8 = 4;
    pub const BOILERPLATE_APOLOGY: u8 = 5;
    pub const EVASIVE_PASSIVE: u8 = 7;
    pub const SUGARCOATING: u8 = 9;
    pub const JARGON: u8 = 20;
}

/// Every rule, in documentation order.
pub fn rules() -> impl ExactSizeIterator<Item = &'static Rule> {
    RULES.iter().map(|d| &d.rule)
}

/// The rule with this id, if any.
pub fn rule(id: &str) -> Option<&'static Rule> {
    rules().find(|r| r.id == id)
}

/// The internal code of the rule with this id.
pub(crate) fn code_of(id: &str) -> Option<u8> {
    RULES.iter().position(|d| d.rule.id == id).map(|i| i as u8)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Checker, Config, Options};

    #[test]
    fn no_phrase_is_listed_twice() {
        let lists = RULES
            .iter()
            .map(|d| (d.rule.id, d.phrases))
            .chain(crate::elements::PHRASES.iter().map(|p| ("element", *p)));
        for (owner, phrases) in lists {
            let mut seen = std::collections::HashSet::new();
            for p in phrases {
                assert!(seen.insert(p), "{owner} lists {p:?} twice");
            }
        }
    }

    const ISSUE_IDS: [&str; 22] = [
        "blame",
        "blame-customer",
        "minimizing",
        "humor",
        "conditional-apology",
        "boilerplate-apology",
        "vague-timeline",
        "evasive-passive",
        "over-promise",
        "sugarcoating",
        "buried-news",
        "missing-reason",
        "missing-apology",
        "missing-empathy",
        "missing-alternative",
        "missing-next-step",
        "missing-question",
        "missing-thanks",
        "written-channel",
        "shouting",
        "jargon",
        "sms-too-long",
    ];

    #[test]
    fn ids_are_exactly_the_public_interface() {
        let ids: Vec<_> = rules().map(|r| r.id).collect();
        assert_eq!(ids, ISSUE_IDS);
        assert_eq!(
            code_of("conditional-apology"),
            Some(code::CONDITIONAL_APOLOGY)
        );
        assert_eq!(
            code_of("boilerplate-apology"),
            Some(code::BOILERPLATE_APOLOGY)
        );
        assert_eq!(code_of("blame"), Some(code::BLAME));
        assert_eq!(code_of("blame-customer"), Some(code::BLAME_CUSTOMER));
        assert_eq!(code_of("evasive-passive"), Some(code::EVASIVE_PASSIVE));
        assert_eq!(code_of("jargon"), Some(code::JARGON));
        assert_eq!(code_of("sugarcoating"), Some(code::SUGARCOATING));
    }

    #[test]
    fn metadata_is_complete() {
        for r in rules() {
            assert!(!r.summary.is_empty() && !r.rationale.is_empty(), "{}", r.id);
            assert!(
                r.principle.starts_with('P') && r.principle[1..].parse::<u8>().is_ok(),
                "{}",
                r.id
            );
            assert!(
                !r.bad.is_empty() && !r.good.is_empty(),
                "{} needs examples",
                r.id
            );
            assert!(r.id.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'));
        }
    }

    /// Every bad example triggers its rule and every good one does not.
    #[test]
    fn examples_behave_as_documented() {
        let checker = Checker::new(&Config::default()).unwrap();
        let mut failures = Vec::new();
        for r in rules() {
            for ex in r.bad {
                let opts = Options {
                    channel: ex.channel,
                    kind: ex.kind,
                };
                if !checker.check(ex.text, &opts).iter().any(|f| f.rule == r.id) {
                    failures.push(format!("{}: bad example not flagged: {:?}", r.id, ex.text));
                }
            }
            for ex in r.good {
                let opts = Options {
                    channel: ex.channel,
                    kind: ex.kind,
                };
                let hits: Vec<_> = checker
                    .check(ex.text, &opts)
                    .into_iter()
                    .filter(|f| f.rule == r.id)
                    .collect();
                if !hits.is_empty() {
                    failures.push(format!(
                        "{}: good example flagged: {:?} ({})",
                        r.id, ex.text, hits[0].message
                    ));
                }
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }
}
