//! Checker configuration: the `[check]` section of `forthright.toml`.
//!
//! ```toml
//! [check]
//! select = ["all"]                  # rule ids or categories; default all
//! ignore = ["missing-question"]     # rule ids or categories
//! jargon = ["BO-HOLD", "pick face"] # extra internal terms to flag
//! allow-jargon = ["dc"]             # built-in terms not to flag
//! acronyms = ["NASA"]               # words allowed in capitals
//!
//! [check.severity]
//! humor = "warning"
//! ```

use crate::Severity;
use crate::error::Error;
use serde::Deserialize;
use std::collections::BTreeMap;

/// Which rules run, at which severity, and the word lists they use.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields, default)]
pub struct Config {
    /// Rule ids or categories to run (`None`: all).
    pub select: Option<Vec<String>>,
    /// Rule ids or categories not to run; wins over `select`.
    pub ignore: Vec<String>,
    /// Severity per rule id, overriding the default.
    pub severity: BTreeMap<String, Severity>,
    /// Extra jargon terms (matched case-insensitively, on word boundaries).
    pub jargon: Vec<String>,
    /// Built-in jargon terms that this team does not want flagged.
    pub allow_jargon: Vec<String>,
    /// Words allowed in capitals besides the built-in acronyms.
    pub acronyms: Vec<String>,
}

impl Config {
    /// Reads the `[check]` section of a `forthright.toml` document; other
    /// sections are ignored, and a missing section gives the defaults.
    pub fn from_toml(doc: &str) -> Result<Config, Error> {
        let table: toml::Table = doc
            .parse()
            .map_err(|e: toml::de::Error| Error::Config(e.to_string()))?;
        match table.get("check") {
            None => Ok(Config::default()),
            Some(v) => v
                .clone()
                .try_into()
                .map_err(|e: toml::de::Error| Error::Config(e.to_string())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_check_section_only() {
        let c = Config::from_toml(
            "[store]\nurl = 'x'\n[check]\nignore = ['humor']\njargon = ['BO-HOLD']\nallow-jargon = ['dc']\n[check.severity]\nblame = 'warning'\n",
        )
        .unwrap();
        assert_eq!(c.ignore, vec!["humor"]);
        assert_eq!(c.jargon, vec!["BO-HOLD"]);
        assert_eq!(c.severity.get("blame"), Some(&Severity::Warning));
        assert_eq!(Config::from_toml("").unwrap(), Config::default());
        assert!(matches!(
            Config::from_toml("[check]\nbogus = 1"),
            Err(Error::Config(_))
        ));
        assert!(matches!(Config::from_toml("[check"), Err(Error::Config(_))));
    }

    #[test]
    fn custom_jargon_is_flagged() {
        let c = Config::from_toml("[check]\njargon = ['BO-HOLD']\nallow-jargon = ['sku']").unwrap();
        let checker = crate::Checker::new(&c).unwrap();
        let f = checker.check("Your order is bo-hold, sku 12.", &crate::Options::default());
        let j: Vec<_> = f.iter().filter(|f| f.rule == "jargon").collect();
        assert_eq!(j.len(), 1);
        assert_eq!(j[0].span.start, 14);
    }
}
