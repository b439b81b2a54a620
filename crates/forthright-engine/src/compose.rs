//! The composer: an outreach plan in, a call script, voicemail, email or SMS
//! out, written from minijinja templates and checked by `forthright-check`
//! before it may be sent (P2, P4..P9, P11..P13).
//!
//! Built-in templates live in `templates/` (one per channel, with shared
//! includes for kind-specific wording); a company overrides any of them by
//! putting a file of the same name in a directory. Template errors name the
//! file and the line. A message with any checker finding is never ready to send.

use crate::alternatives::{Alternative, Catalogue};
use crate::config::PlanConfig;
use crate::goodwill::GoodwillForm;
use crate::human;
use crate::plan::OutreachPlan;
use crate::windows;
use forthright_check::{Checker, Finding, Options};
use forthright_core::{Case, Channel, Customer, Disruption, DisruptionKind, Money};
use jiff::Timestamp;
use jiff::tz::TimeZone;
use minijinja::value::Serde;
use minijinja::{Environment, UndefinedBehavior};
use serde::Serialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The built-in templates: (name, source).
pub const BUILTIN: &[(&str, &str)] = &[
    ("phone.j2", include_str!("../templates/phone.j2")),
    ("voicemail.j2", include_str!("../templates/voicemail.j2")),
    ("email.j2", include_str!("../templates/email.j2")),
    ("sms.j2", include_str!("../templates/sms.j2")),
    ("_news.j2", include_str!("../templates/_news.j2")),
    (
        "_news_brief.j2",
        include_str!("../templates/_news_brief.j2"),
    ),
    ("_news_sms.j2", include_str!("../templates/_news_sms.j2")),
    ("_subject.j2", include_str!("../templates/_subject.j2")),
    ("_apology.j2", include_str!("../templates/_apology.j2")),
    ("_empathy.j2", include_str!("../templates/_empathy.j2")),
    ("_options.j2", include_str!("../templates/_options.j2")),
    ("_goodwill.j2", include_str!("../templates/_goodwill.j2")),
];

/// What can go wrong while composing.
#[derive(Debug, thiserror::Error)]
pub enum ComposeError {
    /// A template could not be parsed or rendered.
    #[error("{file}{}: {detail}", line.map(|l| format!(":{l}")).unwrap_or_default())]
    Template {
        /// The template file (a path for company overrides, `templates/NAME` for built-ins).
        file: String,
        /// The line, when known.
        line: Option<usize>,
        /// What is wrong.
        detail: String,
    },
    /// The override directory could not be read.
    #[error("cannot read templates from {path}: {reason}")]
    Read {
        /// The path.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// The checker could not be set up.
    #[error("checker: {0}")]
    Checker(String),
}

/// One composed message and the checker's verdict.
#[derive(Debug, Clone, Serialize)]
pub struct Message {
    /// The case.
    pub case_id: i64,
    /// The channel it is written for.
    pub channel: Channel,
    /// The kind of disruption.
    pub kind: DisruptionKind,
    /// Email subject line.
    pub subject: Option<String>,
    /// The text (a script for calls).
    pub body: String,
    /// What the checker found; any finding blocks sending.
    pub findings: Vec<Finding>,
    /// True only when the checker found nothing.
    pub ready: bool,
}

/// Everything needed to write one case's message.
#[derive(Debug, Clone, Copy)]
pub struct ComposeInput<'a> {
    /// The case's plan.
    pub plan: &'a OutreachPlan,
    /// The case.
    pub case: &'a Case,
    /// Its customer.
    pub customer: &'a Customer,
    /// The disruption.
    pub disruption: &'a Disruption,
    /// Products, for names.
    pub catalogue: &'a Catalogue,
    /// Company and policy.
    pub config: &'a PlanConfig,
    /// Now, for relative wording and the year.
    pub now: Timestamp,
}

/// Templates plus the checker, built once and shared across threads.
pub struct Composer {
    env: Environment<'static>,
    origin: HashMap<String, String>,
    checker: Checker,
}

impl std::fmt::Debug for Composer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Composer")
            .field("templates", &self.origin)
            .finish()
    }
}

/// The template name of a channel.
pub fn template_for(channel: Channel) -> &'static str {
    match channel {
        Channel::Phone => "phone.j2",
        Channel::Voicemail => "voicemail.j2",
        Channel::Email => "email.j2",
        Channel::Sms => "sms.j2",
    }
}

impl Composer {
    /// The built-in templates with the default checker.
    pub fn builtin() -> Result<Self, ComposeError> {
        Self::new(&[])
    }

    /// Built-ins, overridden by every `*.j2` file in `dir` (by file name).
    pub fn with_overrides(dir: &Path) -> Result<Self, ComposeError> {
        Self::new(&read_overrides(dir)?)
    }

    /// Built-ins, overridden by `(name, source, path)` triples.
    pub fn new(overrides: &[(String, String, PathBuf)]) -> Result<Self, ComposeError> {
        let checker = Checker::new(&forthright_check::Config::default())
            .map_err(|e| ComposeError::Checker(e.to_string()))?;
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        let syntax = minijinja::syntax::SyntaxConfig::builder()
            .trim_blocks(true)
            .lstrip_blocks(true)
            .build()
            .map_err(|e| ComposeError::Checker(e.to_string()))?;
        env.set_syntax(syntax);
        let mut origin = HashMap::new();
        let mut sources: HashMap<String, String> = BUILTIN
            .iter()
            .map(|(n, s)| {
                origin.insert((*n).to_string(), format!("templates/{n}"));
                ((*n).to_string(), (*s).to_string())
            })
            .collect();
        for (name, source, path) in overrides {
            origin.insert(name.clone(), path.display().to_string());
            sources.insert(name.clone(), source.clone());
        }
        let mut names: Vec<&String> = sources.keys().collect();
        names.sort();
        for name in names {
            env.add_template_owned(name.clone(), sources[name].clone())
                .map_err(|e| template_error(&origin, &e))?;
        }
        Ok(Composer {
            env,
            origin,
            checker,
        })
    }

    /// Where each template comes from (`templates/NAME` or a company file).
    pub fn origins(&self) -> &HashMap<String, String> {
        &self.origin
    }

    /// The checker used on every message.
    pub fn checker(&self) -> &Checker {
        &self.checker
    }

    /// Writes and checks one message for `channel`.
    pub fn compose(
        &self,
        input: &ComposeInput<'_>,
        channel: Channel,
    ) -> Result<Message, ComposeError> {
        let mut ctx = context(input, channel);
        let template = self
            .env
            .get_template(template_for(channel))
            .map_err(|e| template_error(&self.origin, &e))?;
        let opts = Options {
            channel: Some(check_channel(channel)),
            kind: input.disruption.details.kind.as_str().parse().ok(),
        };
        // An SMS that runs over two segments is written again more briefly
        // (templates read `brevity`), up to MAX_BREVITY; beyond that the
        // checker's finding stands and the message is not ready.
        let mut text;
        let mut findings;
        loop {
            let rendered = template
                .render(Serde(&ctx))
                .map_err(|e| template_error(&self.origin, &e))?;
            text = tidy(&rendered);
            // The checker sees exactly what the customer would (subject included).
            findings = self.checker.check(&text, &opts);
            let too_long = findings.iter().any(|f| f.rule == "sms-too-long");
            if !too_long || ctx.brevity >= MAX_BREVITY {
                break;
            }
            ctx.brevity += 1;
        }
        let (subject, body) = match channel {
            Channel::Email => match text.split_once('\n') {
                Some((first, rest)) if first.starts_with("Subject:") => (
                    Some(first.trim_start_matches("Subject:").trim().to_string()),
                    rest.trim_start_matches('\n').to_string(),
                ),
                _ => {
                    return Err(ComposeError::Template {
                        file: self.origin_of("email.j2"),
                        line: Some(1),
                        detail: "an email template must start with a \"Subject:\" line".into(),
                    });
                }
            },
            _ => (None, text.clone()),
        };
        Ok(Message {
            case_id: input.case.id,
            channel,
            kind: input.disruption.details.kind,
            subject,
            ready: findings.is_empty(),
            body,
            findings,
        })
    }

    /// Writes and checks many messages in parallel, each for its plan's channel
    /// (a call script when the case is for review), in input order.
    pub fn compose_all(&self, inputs: &[ComposeInput<'_>]) -> Vec<Result<Message, ComposeError>> {
        use rayon::prelude::*;
        inputs
            .par_iter()
            .map(|i| self.compose(i, i.plan.channel.channel.unwrap_or(Channel::Phone)))
            .collect()
    }

    fn origin_of(&self, name: &str) -> String {
        self.origin
            .get(name)
            .cloned()
            .unwrap_or_else(|| name.to_string())
    }
}

fn check_channel(c: Channel) -> forthright_check::Channel {
    match c {
        Channel::Phone => forthright_check::Channel::Phone,
        Channel::Voicemail => forthright_check::Channel::Voicemail,
        Channel::Email => forthright_check::Channel::Email,
        Channel::Sms => forthright_check::Channel::Sms,
    }
}

/// Reads every `*.j2` file of a directory as (name, source, path).
pub fn read_overrides(dir: &Path) -> Result<Vec<(String, String, PathBuf)>, ComposeError> {
    let read_err = |path: &Path, e: std::io::Error| ComposeError::Read {
        path: path.to_path_buf(),
        reason: e.to_string(),
    };
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(|e| read_err(dir, e))? {
        let path = entry.map_err(|e| read_err(dir, e))?.path();
        if path.extension().and_then(|e| e.to_str()) != Some("j2") {
            continue;
        }
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        let bytes = std::fs::read(&path).map_err(|e| read_err(&path, e))?;
        let source = String::from_utf8(bytes).map_err(|_| ComposeError::Read {
            path: path.clone(),
            reason: "not valid UTF-8".into(),
        })?;
        out.push((name.to_string(), source, path));
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(out)
}

fn template_error(origin: &HashMap<String, String>, e: &minijinja::Error) -> ComposeError {
    let name = e.name().unwrap_or("template");
    let mut detail = e
        .detail()
        .map(str::to_string)
        .unwrap_or_else(|| e.kind().to_string());
    // Errors inside an include name the included file; keep the chain visible.
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        detail.push_str(&format!("; {s}"));
        source = s.source();
    }
    ComposeError::Template {
        file: origin
            .get(name)
            .cloned()
            .unwrap_or_else(|| name.to_string()),
        line: e.line(),
        detail,
    }
}

/// Collapses runs of blank lines, trims line ends, ends with one newline.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = 0;
    for line in text.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            blank += 1;
            continue;
        }
        if !out.is_empty() && blank > 0 {
            out.push('\n');
        }
        blank = 0;
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// How many briefer versions of an SMS the composer tries.
pub const MAX_BREVITY: u8 = 2;

#[derive(Serialize)]
struct Ctx {
    /// 0 = full; higher = briefer (SMS only).
    brevity: u8,
    kind: &'static str,
    channel: &'static str,
    company: CompanyCtx,
    customer: CustomerCtx,
    agent: String,
    item: String,
    items: String,
    /// "it" or "they", for the affected items.
    it: &'static str,
    /// "is" or "are".
    is: &'static str,
    /// "order O1" or "orders O1 and O2".
    order: String,
    /// More than one order is affected.
    many_orders: bool,
    promised: Option<String>,
    promised_short: Option<String>,
    new_date: Option<String>,
    new_date_short: Option<String>,
    days_late: Option<i64>,
    amount: Option<String>,
    value: String,
    reason: String,
    options: Vec<OptionCtx>,
    option_kinds: Vec<&'static str>,
    has_refund: bool,
    has_credit: bool,
    goodwill: Option<GoodwillCtx>,
    next_update: String,
    next_update_short: String,
}

#[derive(Serialize)]
struct CompanyCtx {
    name: String,
    phone: String,
    supervisor: String,
}

#[derive(Serialize)]
struct CustomerCtx {
    name: String,
    first_name: String,
}

#[derive(Serialize)]
struct GoodwillCtx {
    amount: String,
    form: &'static str,
}

#[derive(Serialize, Default)]
struct OptionCtx {
    kind: &'static str,
    name: Option<String>,
    price: Option<String>,
    list_price: Option<String>,
    honoured: bool,
    cheaper_by: Option<String>,
    shared: Vec<String>,
    missing: Vec<String>,
    until: Option<String>,
    amount: Option<String>,
    value: Option<String>,
    bonus: Option<String>,
    now: Vec<String>,
    later: Vec<String>,
}

fn short_day(date: jiff::civil::Date) -> String {
    // "Sat 13 Dec": short enough for an SMS, still unambiguous.
    let long = human::day(date, date);
    let mut parts = long.split(' ');
    let (w, d, m) = (parts.next(), parts.next(), parts.next());
    match (w, d, m) {
        (Some(w), Some(d), Some(m)) => format!("{} {d} {}", &w[..3], &m[..3]),
        _ => long,
    }
}

/// Prepares a reason to follow "This is because": "Our supplier..." becomes
/// "our supplier...", while a name ("Nordlicht closed...", "DHL reports...")
/// keeps its capital. Only common sentence openers are lowered.
fn lower_first(reason: &str) -> String {
    const OPENERS: &[&str] = &[
        "a",
        "after",
        "all",
        "an",
        "bad",
        "because",
        "due",
        "during",
        "heavy",
        "in",
        "it",
        "its",
        "last",
        "on",
        "one",
        "our",
        "severe",
        "since",
        "some",
        "that",
        "the",
        "their",
        "there",
        "these",
        "this",
        "those",
        "two",
        "unexpected",
        "we",
        "when",
        "while",
        "your",
    ];
    let r = reason.trim().trim_end_matches(['.', '!', ' ']);
    let first = r
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .next()
        .unwrap_or("");
    let lowered = first.to_lowercase();
    let is_opener = OPENERS.contains(&lowered.as_str());
    let capitalised = first.chars().next().is_some_and(char::is_uppercase)
        && first.chars().skip(1).all(|c| !c.is_uppercase());
    if is_opener && capitalised {
        format!("{lowered}{}", &r[first.len()..])
    } else {
        r.to_string()
    }
}

fn context(input: &ComposeInput<'_>, channel: Channel) -> Ctx {
    let cfg = input.config;
    let company = &cfg.company;
    let company_tz = crate::plan::zone(&company.timezone, &TimeZone::UTC);
    let tz = crate::plan::zone(&input.customer.timezone, &company_tz);
    let today = tz.to_datetime(input.now).date();
    let money = |m: Money| format!("{}{m}", company.currency);
    let d = &input.disruption.details;
    let case = input.case;
    let names: Vec<String> = {
        let mut v: Vec<String> = case
            .lines
            .iter()
            .map(|l| input.catalogue.name_of(&l.sku))
            .collect();
        v.dedup();
        v
    };
    let item = names
        .first()
        .cloned()
        .unwrap_or_else(|| "your order".into());
    let items = match names.len() {
        0 | 1 => item.clone(),
        2 => format!("{} and {}", names[0], names[1]),
        n => format!("{} and {} other items", names[0], n - 1),
    };
    let orders = case.order_ids();
    // "order O1" or "orders O1 and O2": the noun agrees with the count.
    let order = match orders.as_slice() {
        [] => String::new(),
        [one] => format!("order {one}"),
        [init @ .., last] => format!("orders {} and {last}", init.join(", ")),
    };
    let promised_date = case.promised_at().map(|t| human::local_date(t, &tz));
    let new_at = case
        .lines
        .iter()
        .filter_map(|l| l.expected_at)
        .max()
        .or(d.new_date);
    let new_date = new_at.map(|t| human::local_date(t, &tz));
    let next_update_date = input
        .plan
        .action
        .follow_ups
        .first()
        .map(|f| f.due)
        .unwrap_or_else(|| {
            windows::add_business_days(
                today,
                cfg.follow_up.every_business_days.max(1),
                &company.holidays,
            )
        });
    let mut option_kinds: Vec<&'static str> = Vec::new();
    let options: Vec<OptionCtx> = input
        .plan
        .alternatives
        .iter()
        .map(|a| {
            if !option_kinds.contains(&a.name()) {
                option_kinds.push(a.name());
            }
            match a {
                Alternative::Wait { until } => OptionCtx {
                    kind: "wait",
                    until: Some(human::day(human::local_date(*until, &tz), today)),
                    ..OptionCtx::default()
                },
                Alternative::Substitute(s) => OptionCtx {
                    kind: "substitute",
                    name: Some(s.name.clone()),
                    price: Some(money(s.unit_price)),
                    list_price: Some(money(s.list_price)),
                    honoured: s.unit_price < s.list_price,
                    cheaper_by: (s.unit_price < s.original_price)
                        .then(|| money(s.original_price - s.unit_price)),
                    shared: s.shared_features.clone(),
                    missing: s.missing_features.clone(),
                    ..OptionCtx::default()
                },
                Alternative::PartialShipment { now, later } => {
                    let say = |l: &crate::alternatives::PartLine| {
                        if l.quantity == 1 {
                            format!("the {}", l.name)
                        } else {
                            format!("{} of the {}", l.quantity, l.name)
                        }
                    };
                    OptionCtx {
                        kind: "partial_shipment",
                        now: now.iter().map(say).collect(),
                        later: later.iter().map(say).collect(),
                        ..OptionCtx::default()
                    }
                }
                Alternative::CancelWithRefund { refund } => OptionCtx {
                    kind: "cancel_with_refund",
                    amount: (*refund > Money::ZERO).then(|| money(*refund)),
                    ..OptionCtx::default()
                },
                Alternative::Refund { amount } => OptionCtx {
                    kind: "refund",
                    amount: Some(money(*amount)),
                    ..OptionCtx::default()
                },
                Alternative::StoreCredit { amount, value } => OptionCtx {
                    kind: "store_credit",
                    amount: Some(money(*amount)),
                    value: Some(money(*value)),
                    bonus: Some(money(*amount - *value)),
                    ..OptionCtx::default()
                },
            }
        })
        .collect();
    let has_refund = input.plan.alternatives.iter().any(|a| {
        matches!(a, Alternative::CancelWithRefund { refund } if *refund > Money::ZERO)
            || matches!(a, Alternative::Refund { .. })
    });
    let has_credit = option_kinds.contains(&"store_credit");
    let first_name = input
        .customer
        .name
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_string();
    Ctx {
        brevity: 0,
        kind: d.kind.as_str(),
        channel: channel.as_str(),
        company: CompanyCtx {
            name: company.name.clone(),
            phone: company.phone.clone(),
            supervisor: company.supervisor.clone(),
        },
        customer: CustomerCtx {
            name: input.customer.name.clone(),
            first_name,
        },
        // The agent says their own name; scripts are shared across agents.
        agent: "[your name]".to_string(),
        it: if names.len() > 1 { "they" } else { "it" },
        is: if names.len() > 1 { "are" } else { "is" },
        item,
        items,
        many_orders: orders.len() > 1,
        order,
        promised: promised_date.map(|p| human::day(p, today)),
        promised_short: promised_date.map(short_day),
        new_date: new_date.map(|n| human::day(n, today)),
        new_date_short: new_date.map(short_day),
        days_late: case.days_late(),
        amount: d.amount.map(money),
        value: money(case.value()),
        reason: lower_first(&d.reason),
        options,
        option_kinds,
        has_refund,
        has_credit,
        goodwill: input
            .plan
            .goodwill
            .as_ref()
            .filter(|g| g.amount > Money::ZERO)
            .map(|g| GoodwillCtx {
                amount: money(g.amount),
                form: match g.form {
                    GoodwillForm::Credit => "credit",
                    GoodwillForm::Discount => "discount",
                },
            }),
        next_update: human::day(next_update_date, today),
        next_update_short: short_day(next_update_date),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::goodwill::GoodwillPolicy;
    use crate::sample;

    #[test]
    fn reasons_join_the_sentence_without_losing_names() {
        assert_eq!(
            lower_first("Our supplier's plant flooded."),
            "our supplier's plant flooded"
        );
        assert_eq!(
            lower_first("Heavy snow closed the hub"),
            "heavy snow closed the hub"
        );
        assert_eq!(
            lower_first("Nordlicht closed its factory"),
            "Nordlicht closed its factory"
        );
        assert_eq!(lower_first("DHL reports a delay"), "DHL reports a delay");
        assert_eq!(lower_first("iPhone stock ran out"), "iPhone stock ran out");
    }

    fn compose_with(composer: &Composer, channel: Channel) -> Result<Message, ComposeError> {
        let now: Timestamp = "2025-12-01T07:00Z".parse().unwrap();
        let world = sample::world(DisruptionKind::Delay, now);
        let cfg = PlanConfig::default();
        let plan = world.plan(&cfg, &GoodwillPolicy::builtin(), now);
        let p = plan.plans.iter().find(|p| p.case_id == 1).unwrap();
        composer.compose(&world.compose_input(p, &cfg, now).unwrap(), channel)
    }

    fn with(name: &str, source: &str) -> Result<Composer, ComposeError> {
        Composer::new(&[(
            name.to_string(),
            source.to_string(),
            PathBuf::from(format!("/company/templates/{name}")),
        )])
    }

    #[test]
    fn a_company_override_replaces_one_template_and_is_checked() {
        // A careless company SMS: minimising, no apology, no call offer.
        let composer = with(
            "sms.j2",
            "{{ company.name }}: just a small delay on order {{ order }}, don't worry!",
        )
        .unwrap();
        assert_eq!(composer.origins()["sms.j2"], "/company/templates/sms.j2");
        assert_eq!(composer.origins()["phone.j2"], "templates/phone.j2");
        let m = compose_with(&composer, Channel::Sms).unwrap();
        assert!(!m.ready, "a message with findings is never ready");
        let rules: Vec<&str> = m.findings.iter().map(|f| f.rule).collect();
        assert!(rules.contains(&"minimizing"), "{rules:?}");
        assert!(rules.contains(&"written-channel"), "{rules:?}");
        // The other channels still use the built-ins, and pass.
        assert!(compose_with(&composer, Channel::Phone).unwrap().ready);
    }

    #[test]
    fn template_errors_name_the_file_and_line() {
        let err = with("phone.j2", "Hello {{ customer.first_name }},\n{% if %}\n").unwrap_err();
        let text = err.to_string();
        assert!(
            text.starts_with("/company/templates/phone.j2:2: "),
            "{text}"
        );

        // A typo in a variable is caught when rendering (strict undefined).
        let composer = with("voicemail.j2", "Hello.\n\nThis is {{ compny.name }}.\n").unwrap();
        let err = compose_with(&composer, Channel::Voicemail).unwrap_err();
        let ComposeError::Template { file, line, .. } = &err else {
            panic!("expected a template error, got {err}");
        };
        assert_eq!(
            (file.as_str(), *line),
            ("/company/templates/voicemail.j2", Some(3))
        );

        let composer = with("email.j2", "Dear {{ customer.first_name }}\n").unwrap();
        let err = compose_with(&composer, Channel::Email).unwrap_err();
        assert!(err.to_string().contains("Subject:"), "{err}");
    }

    #[test]
    fn overrides_are_read_from_a_directory() {
        let dir = std::env::temp_dir().join(format!("forthright-tpl-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("_apology.j2"),
            "We are sorry that your order is late.",
        )
        .unwrap();
        std::fs::write(dir.join("notes.txt"), "not a template").unwrap();
        let composer = Composer::with_overrides(&dir).unwrap();
        let m = compose_with(&composer, Channel::Phone).unwrap();
        assert!(
            m.body.contains("We are sorry that your order is late."),
            "{}",
            m.body
        );
        assert!(m.ready, "{:?}", m.findings);
        assert!(!composer.origins().contains_key("notes.txt"));
        std::fs::remove_dir_all(&dir).unwrap();
        assert!(matches!(
            Composer::with_overrides(&dir),
            Err(ComposeError::Read { .. })
        ));
    }

    #[test]
    fn reasons_read_as_part_of_a_sentence() {
        assert_eq!(
            lower_first("Our supplier's plant closed."),
            "our supplier's plant closed"
        );
        assert_eq!(lower_first("DHL lost a trailer"), "DHL lost a trailer");
        assert_eq!(short_day(jiff::civil::date(2025, 12, 13)), "Sat 13 Dec");
    }
}
