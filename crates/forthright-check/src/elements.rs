//! Playbook elements: which parts of a good bad-news message are present.
//!
//! A good message has the news (P4), its reason (P5), a sincere apology and
//! empathy (P6), alternatives (P8), a next step (P13, P14), in a call a
//! question for the customer (P9), and thanks (P11). The `missing-*` rules
//! and `buried-news` read this set; `forthright check --elements` shows it.

use crate::checker::{ELEMENT_BASE, Hit, MASK};
use crate::registry::code;
use crate::rules::contains_any;
use crate::text::{Doc, Locator, NSpan};
use crate::{Options, Position, Span};
use serde::Serialize;

/// One element of a good bad-news message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Element {
    /// The bad news itself (P4).
    News,
    /// The cause or business reason (P5).
    Reason,
    /// A sincere, unconditional apology (P6).
    Apology,
    /// Acknowledgement of the customer's situation or feelings (P6).
    Empathy,
    /// An option for the customer: substitute, refund, credit, new date (P8).
    Alternative,
    /// A concrete next step or the date of the next update (P13, P14).
    NextStep,
    /// A question asking for the customer's view or preference (P9).
    Question,
    /// Thanks for patience, understanding or business (P11).
    Thanks,
}

impl Element {
    /// Every element, in playbook order.
    pub const ALL: [Element; 8] = [
        Element::News,
        Element::Reason,
        Element::Apology,
        Element::Empathy,
        Element::Alternative,
        Element::NextStep,
        Element::Question,
        Element::Thanks,
    ];

    /// The kebab-case name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            Element::News => "news",
            Element::Reason => "reason",
            Element::Apology => "apology",
            Element::Empathy => "empathy",
            Element::Alternative => "alternative",
            Element::NextStep => "next-step",
            Element::Question => "question",
            Element::Thanks => "thanks",
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// One piece of evidence for an element.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Evidence {
    /// Byte span in the checked text.
    pub span: Span,
    /// Where it starts.
    pub start: Position,
    /// The words themselves.
    pub text: String,
}

/// Whether a message has one element, and where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ElementReport {
    /// The element.
    pub element: Element,
    /// Whether it was found.
    pub present: bool,
    /// Where (at most [`MAX_EVIDENCE`] places).
    pub evidence: Vec<Evidence>,
}

/// Evidence kept per element in reports, so output stays bounded.
pub const MAX_EVIDENCE: usize = 20;

/// Element evidence in normalised coordinates.
#[derive(Debug, Default)]
pub(crate) struct ElementSet {
    found: [Vec<NSpan>; 8],
}

impl ElementSet {
    /// Evidence spans of one element, in text order.
    pub fn get(&self, e: Element) -> &[NSpan] {
        &self.found[e.index()]
    }
}

/// Sub-tag of the `?` pattern under [`Element::Question`].
const QMARK: u8 = 1;
/// Sub-tag of phrases that count only in a sentence with a concrete date or time.
const TIMED: u8 = 2;
/// Sub-tag of reason connectives that also have a temporal sense ("since",
/// "after", "following"): they count only when what follows is not a time
/// ("after a storm" is a reason, "after 5pm" and "since Monday" are not).
const CONNECTIVE: u8 = 3;
/// Sub-tag of ", as": a reason when a clause follows ("rises to £10, as
/// coffee prices are up"), not in "as usual", "as promised", "as well".
const AS_CLAUSE: u8 = 4;
/// Sub-tag of "failed": a cause when something of ours or a supplier's
/// failed ("the oven failed"), not when the customer's payment or our
/// delivery attempt did ("your payment failed", "we failed to").
const FAILED: u8 = 5;
/// Sub-tag of "off": an option when an amount comes just before it ("£10
/// off", "20 percent off"), not in "cut off" or "off sick".
const AMOUNT_OFF: u8 = 6;
/// Sub-tag of "?" under [`Element::Alternative`]: a question that offers a
/// choice ("or") is an option, unless it asks for questions or concerns.
const CHOICE: u8 = 7;
/// Sub-tag of a bare "as" (no comma before it): a reason only when a
/// clause about numbers, demand or costs follows ("closing as under 30
/// people a week visit it"), not in comparisons or roles.
const AS_BARE: u8 = 8;

const NEWS: &[(&str, u8)] = &[
    ("are down", 0),
    ("back order", 0),
    ("back ordered", 0),
    ("back-order", 0),
    ("back-ordered", 0),
    ("backorder", 0),
    ("backordered", 0),
    ("bad news", 0),
    ("behind schedule", 0),
    ("billed you", 0),
    ("billing error", 0),
    ("billing mistake", 0),
    ("by mistake", 0),
    ("can't deliver", 0),
    ("can't lay", 0),
    ("is moving to", 0),
    ("are moving to", 0),
    ("can't fit", 0),
    ("can't install", 0),
    ("need to move you", 0),
    ("can't get", 0),
    ("can't send", 0),
    ("can't ship", 0),
    ("canceled", 0),
    ("cancelled", 0),
    ("cannot deliver", 0),
    ("cannot send", 0),
    ("cannot ship", 0),
    ("changing", 0),
    ("charged twice", 0),
    ("charged you", 0),
    ("charged your card", 0),
    ("charged your account", 0),
    ("took your", 0),
    ("charged you twice", 0),
    ("closing", 0),
    ("cutting", 0),
    ("delay", 0),
    ("delayed", 0),
    ("delays", 0),
    ("disappointing news", 0),
    ("discontinue", 0),
    ("discontinued", 0),
    ("discontinuing", 0),
    ("disruption", 0),
    ("double charged", 0),
    ("double-charged", 0),
    ("ending", 0),
    ("extra", 0),
    // New things, not a charge.
    ("the extra", MASK),
    ("extra classes", MASK),
    ("failed", 0),
    ("go up", 0),
    ("goes up", 0),
    // A price change told as numbers: "goes from £38 to £45".
    ("goes from", 0),
    ("go from", 0),
    ("going from", 0),
    // "it's £11.99 a month (was £9.99)".
    ("was £", 0),
    ("was €", 0),
    ("was $", 0),
    ("going up", 0),
    ("gone for good", 0),
    ("has to move", 0),
    ("have to move", 0),
    ("held up", 0),
    ("higher than", 0),
    ("i am afraid", 0),
    ("i'm afraid", 0),
    ("in error", 0),
    ("incorrect charge", 0),
    ("increasing", 0),
    ("interrupted", 0),
    ("interruption", 0),
    ("is down", 0),
    ("is ending", 0),
    ("is off", 0),
    ("isn't available", 0),
    ("late", 0),
    ("lost", 0),
    ("missed", 0),
    ("more expensive", 0),
    ("more than it should", 0),
    ("must move", 0),
    ("no longer available", 0),
    ("no longer be", 0),
    ("no longer be available", 0),
    ("no longer carry", 0),
    ("no longer include", 0),
    ("no longer make", 0),
    ("no longer making", 0),
    ("no longer offer", 0),
    ("no longer stock", 0),
    ("no longer stops", 0),
    ("not available", 0),
    ("not be ready", 0),
    ("not good news", 0),
    ("not working", 0),
    ("offline", 0),
    ("out of stock", 0),
    ("outage", 0),
    ("overcharged", 0),
    ("price change", 0),
    ("price increase", 0),
    ("price is going up", 0),
    ("price rise", 0),
    ("price will", 0),
    ("prices are going up", 0),
    ("prices will", 0),
    ("pushed back", 0),
    ("removing", 0),
    ("retire", 0),
    ("retiring", 0),
    ("rise", 0),
    ("rises", 0),
    ("running late", 0),
    ("shut down", 0),
    ("shutting down", 0),
    ("slipped", 0),
    ("sold out", 0),
    ("some bad news", 0),
    ("stop making", 0),
    ("stopped making", 0),
    ("stopped selling", 0),
    ("stopped taking", 0),
    ("ten times", 0),
    ("twice", 0),
    ("unable to ship", 0),
    ("unavailable", 0),
    ("unfortunately", 0),
    ("up from", 0),
    ("was down", 0),
    ("was off", 0),
    ("we made a mistake", 0),
    ("we made an error", 0),
    ("we stop", 0),
    ("we're afraid", 0),
    ("we're ending", 0),
    ("went down", 0),
    ("went off", 0),
    ("were down", 0),
    ("were off", 0),
    ("will be ending", 0),
    ("will change", 0),
    ("will increase", 0),
    ("will not arrive", 0),
    ("will not be", 0),
    ("will not be delivered", 0),
    ("will not be ready", 0),
    ("will not happen", 0),
    ("will rise", 0),
    ("won't arrive", 0),
    ("won't be", 0),
    ("won't be made", 0),
    ("won't be ready", 0),
    ("won't come", 0),
    ("won't happen", 0),
    ("won't make it", 0),
    ("won't ship", 0),
    ("wrong", 0),
    ("wrong amount", 0),
    ("postponed", 0),
    ("rescheduled", 0),
    ("suspended", 0),
    ("withdrawn", 0),
    ("withdrawing", 0),
    ("unwelcome", 0),
    ("regret to", 0),
    ("sorry to tell", 0),
    ("sorry to say", 0),
    ("have to tell you", 0),
    ("unable to", 0),
    ("not able to", 0),
    ("won't be able", 0),
    ("will not be able", 0),
    ("out of service", 0),
    ("disrupted", 0),
    ("incorrect", 0),
    ("error", 0),
    ("mistake", 0),
    ("overcharge", 0),
    ("no longer", 0),
    ("stopping", 0),
    ("finishing", 0),
    ("closed", 0),
    ("on hold", 0),
    ("can't go", 0),
    ("cannot go", 0),
    ("can't do", 0),
    ("can't fill", 0),
    ("can't make", 0),
    ("won't go", 0),
    ("went wrong", 0),
    ("gone wrong", 0),
    ("isn't running", 0),
    ("not running", 0),
    ("will not run", 0),
    ("won't run", 0),
    ("rising", 0),
    ("dropping", 0),
    ("drops to", 0),
    ("reduced", 0),
    ("reducing", 0),
    ("fewer", 0),
    ("less often", 0),
    ("we're moving", 0),
    ("we are moving", 0),
    ("bills stop", 0),
    ("we're shut", 0),
    ("we are shut", 0),
    ("isn't in stock", 0),
    ("is not in stock", 0),
    ("willnae", 0),
    ("changing rooms", MASK),
    ("changing room", MASK),
    ("stop producing", 0),
    ("late opening", MASK),
    ("late openings", MASK),
];

const REASON: &[(&str, u8)] = &[
    // Absence and staffing: illness, leave.
    ("in hospital", 0),
    ("in the hospital", 0),
    ("maternity leave", 0),
    ("paternity leave", 0),
    ("parental leave", 0),
    ("sick leave", 0),
    // Premises and plant.
    ("landlord", 0),
    ("being rebuilt", 0),
    ("being demolished", 0),
    ("being redeveloped", 0),
    ("water leak", 0),
    ("a leak in", 0),
    ("shorted", 0),
    ("has withdrawn its", 0),
    ("have withdrawn their", 0),
    // Costs passed on.
    ("paying more", 0),
    ("paying far more", 0),
    ("paying much more", 0),
    ("paying a lot more", 0),
    ("because", 0),
    ("because of", 0),
    ("due to", 0),
    ("owing to", 0),
    ("caused by", 0),
    ("as a result", 0),
    ("the reason", 0),
    ("the cause", 0),
    ("that's why", 0),
    ("which is why", 0),
    ("this is why", 0),
    ("to pay for", 0),
    ("to cover", 0),
    ("to keep", 0),
    ("hard to keep", MASK),
    ("you keep", MASK),
    ("in order to", 0),
    ("as our", 0),
    ("as the", 0),
    ("as its", 0),
    ("as their", 0),
    ("as two", 0),
    ("as dr", 0),
    ("as she's", 0),
    ("as he's", 0),
    ("as they're", 0),
    ("as she is", 0),
    ("as he is", 0),
    ("as they are", 0),
    ("as she has", 0),
    ("as he has", 0),
    ("as they have", 0),
    ("as my", 0),
    ("when our", 0),
    ("while its", 0),
    ("while our", 0),
    ("broke", 0),
    ("broken", 0),
    ("breakdown", 0),
    ("shutdown", 0),
    ("is shutting down", 0),
    ("is shutting them", 0),
    ("need rebuilding", 0),
    ("needs rebuilding", 0),
    ("need replacing", 0),
    ("needs replacing", 0),
    ("needs repairs", 0),
    ("need repairs", 0),
    ("failed", FAILED),
    ("failed, and", 0),
    ("failed, so", 0),
    ("not been able to replace", 0),
    ("haven't been able to replace", 0),
    ("unable to replace", 0),
    ("not been able to recruit", 0),
    ("unable to recruit", 0),
    ("been decided to", MASK),
    ("was decided to", MASK),
    ("spelling of", 0),
    ("misspelt", 0),
    ("misspelled", 0),
    ("typo", 0),
    ("typing error", 0),
    ("strikes", 0),
    ("storms", 0),
    ("flooding at", 0),
    ("flooding in our", 0),
    ("fires", 0),
    ("power cut", 0),
    ("power cuts", 0),
    ("faults", 0),
    ("bugs", 0),
    ("hacked", 0),
    ("cyber attack", 0),
    ("cyberattack", 0),
    ("staff shortage", 0),
    ("staff shortages", 0),
    ("misprint", 0),
    ("misprinted", 0),
    ("leak at our", 0),
    ("leak in our", 0),
    ("held up in", 0),
    ("held up at", 0),
    ("stuck in customs", 0),
    ("stuck at the port", 0),
    ("went bust", 0),
    ("went into administration", 0),
    ("energy prices", 0),
    ("higher costs", 0),
    ("rising costs", 0),
    ("costs have risen", 0),
    ("costs rose", 0),
    ("left the company", 0),
    ("funeral", 0),
    ("broke down", 0),
    ("closed", 0),
    ("closure", 0),
    ("retired", 0),
    ("retires", 0),
    ("retiring", 0),
    ("expired", 0),
    ("cracked", 0),
    ("recalled", 0),
    ("recall", 0),
    ("flood", 0),
    ("flooded", 0),
    ("fire", 0),
    ("storm", 0),
    ("strike", 0),
    ("shortage", 0),
    ("accident", 0),
    ("damaged", 0),
    ("fault", 0),
    ("faulty", 0),
    ("flaw", 0),
    ("defect", 0),
    ("defective", 0),
    ("bug", 0),
    ("glitch", 0),
    ("off sick", 0),
    ("wrong", 0),
    ("made a mistake", 0),
    ("mistake in", 0),
    ("rules", 0),
    ("regulator", 0),
    ("regulations", 0),
    ("law", 0),
    ("licence", 0),
    ("licences", 0),
    ("license", 0),
    ("licenses", 0),
    ("upgrade", 0),
    ("maintenance", 0),
    ("demand", 0),
    ("sold our", 0),
    ("sold before", 0),
    ("sold out within", 0),
    ("crop", 0),
    ("harvest", 0),
    ("weather", 0),
    ("snow", 0),
    ("dry summer", 0),
    ("costs", 0),
    ("cost of", 0),
    ("prices have", 0),
    ("raised", 0),
    ("doubled", 0),
    ("inflation", 0),
    ("tariff", 0),
    ("tariffs", 0),
    ("missed it", 0),
    ("refuse", 0),
    ("unplugged", 0),
    ("matched it", 0),
    ("administration", 0),
    ("bankrupt", 0),
    ("moving to", 0),
    ("leaving", 0),
    ("quality problem", 0),
    ("problem with", 0),
    ("extra digit", 0),
    ("took far longer", 0),
    ("took longer", 0),
    ("failed inspection", 0),
    ("can't be secured", 0),
    ("no longer supported", 0),
    ("stopped supporting", 0),
    ("fixes stopped", 0),
    ("ran the", 0),
    ("ran out", 0),
    ("lost", 0),
    ("misread", 0),
    ("read your", 0),
    ("sent the wrong", 0),
    ("sent us", 0),
    ("sent back", 0),
    ("left at", 0),
    ("nobody was home", 0),
    ("no one was home", 0),
    ("found a", 0),
    ("found water", 0),
    ("burst", 0),
    ("years old", 0),
    ("locked everyone out", 0),
    ("scheme that closed", 0),
    ("changed our", 0),
    ("approved", 0),
    ("increase in", 0),
    ("higher", 0),
    ("energy bills", 0),
    ("wholesale", 0),
    ("decided to", 0),
    ("has decided", 0),
    ("government", 0),
    ("new supplier", 0),
    ("cut our", 0),
    ("hopeless", 0),
    ("useless", 0),
    ("messed up", 0),
    ("botched", 0),
    ("shambles", 0),
    ("cowboys", 0),
    ("supplier's", 0),
    ("maker", 0),
    ("manufacturer", 0),
    ("factory", 0),
    ("sawmill", 0),
    ("haulier", 0),
    ("is closing its", 0),
    ("economically", 0),
    ("haven't been able to recruit", 0),
    ("couldn't recruit", 0),
    ("reducing her hours", 0),
    ("reducing his hours", 0),
    ("so busy that", 0),
    ("we can supply", MASK),
    ("can supply you", MASK),
    // Stock phrases that name no cause.
    ("due to circumstances", MASK),
    ("circumstances beyond our control", MASK),
    ("due to stock availability", MASK),
    ("due to availability", MASK),
    ("due to operational", MASK),
    ("for operational reasons", MASK),
    ("due to unforeseen", MASK),
    ("due to technical issues", MASK),
    ("due to a technical issue", MASK),
    ("stonemason", 0),
    ("distributor", 0),
    ("distributor's", 0),
    ("wholesaler", 0),
    ("wholesaler's", 0),
    ("foundry", 0),
    ("quarry", 0),
    ("tannery", 0),
    ("subcontractor", 0),
    ("bought up", 0),
    ("kiln", 0),
    ("stopped selling", MASK),
    ("stopped making", MASK),
    ("stop making", MASK),
    ("stopped offering", MASK),
    ("stopped stocking", MASK),
    ("after all", MASK),
    ("as we", MASK),
    ("lost sales", MASK),
    ("an error occurred", MASK),
    ("it was decided", MASK),
    ("when we", 0),
    ("not enough", 0),
    ("enough", 0),
    ("out of business", 0),
    ("customs", 0),
    ("disk", 0),
    ("system", 0),
    ("systems", 0),
    // The outage itself, not its cause.
    ("system is down", MASK),
    ("system was down", MASK),
    ("systems are down", MASK),
    ("system is offline", MASK),
    ("system has been down", MASK),
    ("copied", 0),
    ("outside our", 0),
    ("can't justify", 0),
    ("needs a new", 0),
    ("fewer", 0),
    ("frost", 0),
    ("killed", 0),
    ("retried", 0),
    ("costs £", MASK),
    ("it costs", MASK),
    ("which costs", MASK),
    ("costs you", MASK),
    ("calling because", MASK),
    ("writing because", MASK),
    ("ringing because", MASK),
    ("phoning because", MASK),
    ("cut the", 0),
    ("vandals", 0),
    ("vandalism", 0),
    ("stock count", 0),
    ("stream", 0),
    ("went out", 0),
    ("caused", 0),
    ("causing", 0),
    ("led to", 0),
    ("leads to", 0),
    ("which meant", 0),
    ("meant that", 0),
    ("means that", 0),
    ("forced", 0),
    ("forced us", 0),
    ("we have had to", 0),
    ("required", 0),
    ("requires", 0),
    ("run out", 0),
    ("supply", 0),
    ("supplier", 0),
    ("suppliers", 0),
    ("producer", 0),
    ("plant", 0),
    ("port", 0),
    ("container", 0),
    ("ice", 0),
    ("heatwave", 0),
    ("illness", 0),
    ("ill", 0),
    ("injured", 0),
    ("staffing", 0),
    ("short-staffed", 0),
    ("short of staff", 0),
    ("crashed", 0),
    ("crash", 0),
    ("damage", 0),
    ("duplicate", 0),
    ("price of", 0),
    ("prices of", 0),
    ("rising", 0),
    ("rose", 0),
    ("increased", 0),
    ("tax", 0),
    ("duty", 0),
    ("legal", 0),
    ("ended", 0),
    ("acquired", 0),
    ("merger", 0),
    ("stopped producing", 0),
    ("no longer produces", 0),
    ("no longer makes", 0),
    ("popular", 0),
    ("high demand", 0),
    ("migration", 0),
    ("replacing", 0),
    ("security", 0),
    ("testing", 0),
    ("outbreak", 0),
    ("pandemic", 0),
    ("theft", 0),
    ("stolen", 0),
    ("break-in", 0),
    ("lorry", 0),
    ("truck", 0),
    ("vessel", 0),
    ("delayed at", 0),
    ("stuck at", 0),
    ("stuck in", 0),
    ("cause", 0),
    ("causes", 0),
    ("the result of", 0),
    ("as a consequence", 0),
    ("result of", 0),
    ("resulted from", 0),
    ("stems from", 0),
    ("is down to", 0),
    ("was down to", 0),
    ("reason is", 0),
    ("that's because", 0),
    ("this is because", 0),
    ("it's because", 0),
    ("it is because", 0),
    ("what happened", 0),
    ("here's why", 0),
    ("here is why", 0),
    ("here's what happened", 0),
    ("in the wake of", 0),
    ("amid", 0),
    ("in light of", 0),
    ("given that", 0),
    ("on account of", 0),
    ("gale", 0),
    ("gales", 0),
    ("hurricane", 0),
    ("typhoon", 0),
    ("floods", 0),
    ("snowfall", 0),
    ("drought", 0),
    ("rain", 0),
    ("rainfall", 0),
    ("wildfire", 0),
    ("earthquake", 0),
    ("lightning", 0),
    ("high winds", 0),
    ("fog", 0),
    ("heavy rain", 0),
    ("failure", 0),
    ("failing", 0),
    ("malfunction", 0),
    ("malfunctioned", 0),
    ("crack", 0),
    ("leaked", 0),
    ("leaking", 0),
    ("collapsed", 0),
    ("jammed", 0),
    ("tripped", 0),
    ("overheated", 0),
    ("blew", 0),
    ("explosion", 0),
    ("exploded", 0),
    ("ruined", 0),
    ("wrecked", 0),
    ("wiped out", 0),
    ("destroyed", 0),
    ("corrupted", 0),
    ("contaminated", 0),
    ("contamination", 0),
    ("flawed", 0),
    ("power failure", 0),
    ("blackout", 0),
    ("hackers", 0),
    ("attack", 0),
    ("virus", 0),
    ("cut through", 0),
    ("dug through", 0),
    ("roadworks", 0),
    ("road closure", 0),
    ("collision", 0),
    ("flat tyre", 0),
    ("packed up", 0),
    ("gave out", 0),
    ("shortages", 0),
    ("short of", 0),
    ("running out", 0),
    ("ran short", 0),
    ("run short", 0),
    ("running short", 0),
    ("sold out", 0),
    ("stock ran", 0),
    ("backlog", 0),
    ("bottleneck", 0),
    ("held at", 0),
    ("delayed by", 0),
    ("congestion", 0),
    ("shut", 0),
    ("industrial action", 0),
    ("walkout", 0),
    ("dispute", 0),
    ("protest", 0),
    ("blockade", 0),
    ("inspection", 0),
    ("quality check", 0),
    ("quality checks", 0),
    ("our tests", 0),
    ("lead test", 0),
    ("safety test", 0),
    ("test", 0),
    ("tests", 0),
    ("safety", 0),
    ("tripled", 0),
    ("wage", 0),
    ("wages", 0),
    ("rent", 0),
    ("fuel", 0),
    ("taxes", 0),
    ("vat", 0),
    ("levy", 0),
    ("contract ended", 0),
    ("losses", 0),
    ("losing money", 0),
    ("unprofitable", 0),
    ("not viable", 0),
    ("no longer viable", 0),
    ("resigned", 0),
    ("sick", 0),
    ("injury", 0),
    ("bereavement", 0),
    ("understaffed", 0),
    ("recruit", 0),
    ("sold", 0),
    ("takeover", 0),
    ("insolvency", 0),
    ("liquidation", 0),
    ("closed down", 0),
    ("ceased trading", 0),
    ("end of life", 0),
    ("obsolete", 0),
    ("switched off", 0),
    ("switch-off", 0),
    ("switching off", 0),
    ("upgrading", 0),
    ("mistake", 0),
    ("mistakes", 0),
    ("error in", 0),
    ("wrongly", 0),
    ("incorrect", 0),
    ("incorrectly", 0),
    ("mislabelled", 0),
    ("mislabeled", 0),
    ("mixed up", 0),
    ("mix-up", 0),
    ("human error", 0),
    ("overlooked", 0),
    ("forgot", 0),
    ("ticked", 0),
    ("keyed", 0),
    ("entered", 0),
    ("listed the wrong", 0),
    ("matched to", 0),
    ("retry", 0),
    ("timeout", 0),
    ("demand for", 0),
    ("needs a", 0),
    ("repair", 0),
    ("repairs", 0),
    ("works on", 0),
    ("engineering works", 0),
    ("signal failure", 0),
    ("faded", 0),
    ("in transit", 0),
    ("has left", 0),
    ("has left you", MASK),
    ("have left you", MASK),
    ("your tariff", MASK),
    ("electricity tariff", MASK),
    ("energy tariff", MASK),
    ("gas tariff", MASK),
    ("tariff details", MASK),
    ("have left", 0),
    ("is leaving", 0),
    ("are leaving", 0),
    ("retire", 0),
    ("budget", 0),
    ("your budget", MASK),
    ("careful budget", MASK),
    ("tight budget", MASK),
    ("funding", 0),
    ("cut by", 0),
    ("cuts", 0),
    ("since", CONNECTIVE),
    ("after", CONNECTIVE),
    ("following", CONNECTIVE),
    (", as", AS_CLAUSE),
    // How we found out is not why it happened.
    ("following a review", MASK),
    ("following our review", MASK),
    ("following a routine", MASK),
    ("following an audit", MASK),
    ("following a check", MASK),
    ("after a review", MASK),
    ("after reviewing", MASK),
    ("the following", MASK),
    ("following up", MASK),
    ("soon after", MASK),
    ("shortly after", MASK),
    ("after that", MASK),
    ("since then", MASK),
    ("ever since", MASK),
    ("failed our", 0),
    ("failed its", 0),
    ("failed their", 0),
    ("failed the", 0),
    ("failed a", 0),
    ("failed an", 0),
    ("failed under", 0),
    ("failed during", 0),
    ("failed in", 0),
    ("failed on", 0),
    ("failed at", 0),
    ("failed overnight", 0),
    ("failed last", 0),
    ("failed yesterday", 0),
    ("failed this", 0),
    ("failed early", 0),
    ("server failure", 0),
    ("system failure", 0),
    ("software fault", 0),
    ("database fault", 0),
    ("as part of", 0),
    ("to invest", 0),
    ("investment", 0),
    ("investing", 0),
    ("to fund", 0),
    ("improvements", 0),
    ("to improve", 0),
    ("to maintain", 0),
    ("so that we can", 0),
    ("thieves", 0),
    ("stole", 0),
    ("burglars", 0),
    ("hurt his", 0),
    ("hurt her", 0),
    ("hurt their", 0),
    ("broke his", 0),
    ("broke her", 0),
    ("break down", 0),
    ("broken down", 0),
    ("overturned", 0),
    ("burned down", 0),
    ("burnt down", 0),
    ("burned out", 0),
    ("burnt out", 0),
    ("fell", 0),
    ("fallen", 0),
    ("knocked out", 0),
    // "we've retired X" is the news, not its cause ("our baker retired" is a cause).
    ("we've retired", MASK),
    ("we have retired", MASK),
    ("we retired", MASK),
    ("we're retiring", MASK),
    ("we are retiring", MASK),
    ("we'll retire", MASK),
    ("we will retire", MASK),
    ("power supply", MASK),
    ("supply units", MASK),
    ("because of this", MASK),
    ("because of that", MASK),
    ("the reason i'm calling", MASK),
    ("the reason i'm ringing", MASK),
    ("the reason i'm writing", MASK),
    ("the reason for my call", MASK),
    ("riding weather", MASK),
    ("perfect weather", MASK),
    ("lovely weather", MASK),
    ("good weather", MASK),
    ("nice weather", MASK),
    ("beautiful weather", MASK),
    // The customer's own landlord and rent, and a price told with "costs".
    ("your landlord", MASK),
    ("your landlord's", MASK),
    ("your rent", MASK),
    ("because of us", MASK),
    ("costs €", MASK),
    ("costs $", MASK),
    // A stock of goods offered, not a supply problem.
    ("year supply", MASK),
    ("month supply", MASK),
    ("week supply", MASK),
    ("day supply", MASK),
    ("emergency supply", MASK),
    ("family reasons", 0),
    ("could not find another", 0),
    ("couldn't find another", 0),
    ("could not find a replacement", 0),
    ("couldn't find a replacement", 0),
    ("doesn't fit", 0),
    ("does not fit", 0),
    ("didn't fit", 0),
    ("did not fit", 0),
    ("uneven", 0),
    ("batch away", 0),
    ("was wrong", MASK),
    ("were wrong", MASK),
    ("is wrong", MASK),
    ("seize up", 0),
    ("seized up", 0),
    ("seized", 0),
    // The wrong figure is the news, not its cause.
    ("incorrect total", MASK),
    ("incorrect amount", MASK),
    ("incorrect price", MASK),
    ("to keep £", MASK),
    ("digger", 0),
    ("fibre cable", 0),
    ("as we're", 0),
    ("as we are", 0),
    ("as our way", MASK),
    ("as our thanks", MASK),
    ("as our gift", MASK),
    ("as our apology", MASK),
    ("as", AS_BARE),
    // Stock phrases that stand in for a cause.
    ("unforeseen circumstances", MASK),
    ("due to unforeseen circumstances", MASK),
    ("a system issue", MASK),
    ("due to a system issue", MASK),
    ("because of a system issue", MASK),
    ("a technical issue", MASK),
    ("technical difficulties", MASK),
    ("due to technical difficulties", MASK),
    ("your old", MASK),
    ("leaving your", MASK),
    ("emergency work", 0),
    ("emergency repairs", 0),
    ("needs repair", 0),
    ("needs work", 0),
    ("rights have gone", 0),
    ("the rights to", 0),
    ("asking price", 0),
    ("our till", 0),
    ("rate table", 0),
    ("we swapped", 0),
    ("transposed", 0),
    ("a typo", 0),
    ("cost us", 0),
    ("costs us", 0),
    ("agreement changed", 0),
    ("contract changed", 0),
    ("council tax", MASK),
    ("tax office", MASK),
    ("miscounted", 0),
    ("miscount", 0),
    ("diesel", 0),
    ("froze", 0),
    ("system outage", MASK),
    ("a system outage", MASK),
    ("my insurance", 0),
    ("our insurance", 0),
];

const APOLOGY: &[(&str, u8)] = &[
    ("sorry", 0),
    ("apologize", 0),
    ("apologise", 0),
    ("apologies", 0),
    ("apology", 0),
    ("we regret", 0),
    ("i regret", 0),
    ("deeply regret", 0),
    ("regret to", MASK),
    ("forgive us", 0),
    ("forgive me", 0),
    ("please forgive", 0),
    // Sorry for something else than the news.
    ("sorry to ring", MASK),
    ("sorry to call", MASK),
    ("sorry to bother", MASK),
    ("sorry to disturb", MASK),
    ("sorry for the slow reply", MASK),
    ("sorry for the late reply", MASK),
    ("sorry for the slow response", MASK),
    ("please excuse us", 0),
    ("excuse us", 0),
    ("pardon us", 0),
    ("apologies in advance", MASK),
    ("sorry to catch you", MASK),
];

const EMPATHY: &[(&str, u8)] = &[
    // Knowing something about ourselves is not acknowledging the customer.
    ("i know we", MASK),
    ("i know we've", MASK),
    ("i know our", MASK),
    ("we know we", MASK),
    ("we know our", MASK),
    ("we understand that we", MASK),
    ("we understand that our", MASK),
    ("we understand we", MASK),
    ("a real", 0),
    ("affects you", 0),
    ("annoying", 0),
    ("big increase", 0),
    ("can only imagine", 0),
    ("counting on", 0),
    ("depend on", 0),
    ("depending on", 0),
    ("difficult", 0),
    ("disappointed", 0),
    ("disappointing", 0),
    ("disappointment", 0),
    ("embarrassing", 0),
    ("every pound counts", 0),
    ("frustrated", 0),
    ("frustrating", 0),
    ("frustration", 0),
    ("hard on", 0),
    ("hassle", 0),
    ("heart set", 0),
    ("i can imagine", 0),
    ("i can see", 0),
    ("i completely understand", 0),
    ("i get it", 0),
    ("i hear you", 0),
    ("i know", 0),
    ("i know how", 0),
    ("i know that", 0),
    ("i know this", 0),
    ("i know you", 0),
    ("i realise", 0),
    ("especially as", 0),
    ("really hurts", 0),
    ("that hurts", 0),
    ("especially since", 0),
    ("especially when", 0),
    ("especially with", 0),
    ("i remember", 0),
    ("we remember", 0),
    ("you'd be without", 0),
    ("you'll be without", 0),
    ("leaves you without", 0),
    ("i realize", 0),
    ("i understand", 0),
    ("i'm sure", 0),
    ("in your shoes", 0),
    ("inconvenient", 0),
    ("last thing you", 0),
    ("last thing you need", 0),
    ("looking forward", 0),
    ("matter to you", 0),
    ("matters to you", 0),
    ("must be", 0),
    ("not what you", 0),
    ("planned around", 0),
    ("real loss", 0),
    ("real problem", 0),
    ("real worry", 0),
    ("rely on", 0),
    ("relying on", 0),
    ("shock", 0),
    ("stressful", 0),
    ("that must", 0),
    ("this affects", 0),
    ("this must", 0),
    ("understand how", 0),
    ("upsetting", 0),
    ("waiting for", 0),
    ("we can see", 0),
    ("we know", 0),
    ("we know how", 0),
    ("we know that", 0),
    ("we know this", 0),
    ("we know you", 0),
    ("we realise", 0),
    ("we realize", 0),
    ("we understand", 0),
    ("worrying", 0),
    ("you expected", 0),
    ("you have been waiting", 0),
    ("you need it", 0),
    ("you needed", 0),
    ("you were expecting", 0),
    ("you've been waiting", 0),
    ("your plans", 0),
    ("frustrat", 0),
    ("must have been", 0),
    ("can't have been easy", 0),
    ("not easy", 0),
    ("hard for you", 0),
    ("tough", 0),
    ("sorry to hear", 0),
    ("appreciate how", 0),
    ("appreciate that", 0),
    ("important to you", 0),
    ("you were counting", 0),
    ("you rely", 0),
    ("you depend", 0),
    ("you were looking forward", 0),
    ("you were hoping", 0),
    ("you'd planned", 0),
    ("you had planned", 0),
    ("your event", 0),
    ("your trip", 0),
    ("your wedding", 0),
    ("your birthday", 0),
    ("your holiday", 0),
    ("worried", 0),
    ("annoyed", 0),
    ("angry", 0),
    ("stressed", 0),
    ("let down", 0),
    ("let you down", 0),
    ("i can picture", 0),
    ("i imagine", 0),
    ("i'd imagine", 0),
    ("i can tell", 0),
    ("i recognise", 0),
    ("i recognize", 0),
    ("we recognise", 0),
    ("we recognize", 0),
    ("i'm aware", 0),
    ("we're aware", 0),
    ("i am aware", 0),
    ("we are aware", 0),
    ("i gather", 0),
    ("i bet", 0),
    ("you must be", 0),
    ("you must feel", 0),
    ("it must be", 0),
    ("i appreciate this", 0),
    ("i appreciate that", 0),
    ("i appreciate it", 0),
    ("i appreciate how", 0),
    ("we appreciate this", 0),
    ("we appreciate that", 0),
    ("we appreciate how", 0),
    ("i appreciate what", 0),
    ("knock-on", 0),
    ("upend", 0),
    ("upending", 0),
    ("upends", 0),
    ("throws your", 0),
    ("throw your", 0),
    ("disrupts your", 0),
    ("disrupt your", 0),
    ("ruins your", 0),
    ("spoils your", 0),
    ("spoil your", 0),
    ("nuisance", 0),
    ("a pain", 0),
    ("proper pain", 0),
    ("hard to take", 0),
    ("hard to swallow", 0),
    ("can throw out", 0),
    ("month's budget", 0),
    ("real pain", 0),
    ("right pain", 0),
    ("headache", 0),
    ("stress", 0),
    ("awkward", 0),
    ("unsettling", 0),
    ("maddening", 0),
    ("infuriating", 0),
    ("irritating", 0),
    ("galling", 0),
    ("horrible", 0),
    ("miserable", 0),
    ("a bad time", 0),
    ("the worst time", 0),
    ("on top of everything", 0),
    ("you were relying", 0),
    ("you'd been relying", 0),
    ("you were planning", 0),
    ("you've planned", 0),
    ("you planned", 0),
    ("you had hoped", 0),
    ("you'd hoped", 0),
    ("you hoped", 0),
    ("you wanted", 0),
    ("you were after", 0),
    ("you've relied", 0),
    ("you have relied", 0),
    ("your day", 0),
    ("your week", 0),
    ("your weekend", 0),
    ("i get that", 0),
    ("i totally get", 0),
    ("i completely get", 0),
    ("i see why", 0),
    ("i can understand", 0),
    ("we can understand", 0),
    ("understandably", 0),
    ("of course you", 0),
    ("unpleasant", 0),
    ("unacceptable", 0),
    ("put yourself", 0),
    ("in your position", 0),
    ("your position", 0),
    ("your situation", 0),
    ("not ideal", 0),
    ("far from ideal", 0),
    ("less than ideal", 0),
    ("a blow", 0),
    ("bad timing", 0),
    ("poor timing", 0),
    ("put you out", 0),
    ("leaves you", 0),
    ("left you without", 0),
    ("keep you waiting", 0),
    ("kept you waiting", 0),
    ("you've waited", 0),
    ("you have waited", 0),
    ("means a lot", 0),
    ("meant a lot", 0),
    ("unfair", 0),
    ("out of pocket", 0),
    ("extra hassle", 0),
    ("disruption to your", 0),
    ("impact on you", 0),
    ("impact on your", 0),
    ("affects your", 0),
    ("affected you", 0),
    ("affecting you", 0),
    // Harm nouns after "such a" ("such a loyal customer" is praise, not empathy).
    ("such a shame", 0),
    ("such a worry", 0),
    ("such a disappointment", 0),
    ("such a blow", 0),
    ("such a pain", 0),
    ("such a hassle", 0),
    ("such a shock", 0),
    // Hedged or intensified imagining ("I can well imagine").
    ("can well imagine", 0),
    ("can only guess", 0),
    // Putting oneself in the customer's place ("I'd have been puzzled too").
    ("i'd have been", 0),
    ("i would have been", 0),
    ("i'd feel", 0),
    ("i would feel", 0),
    ("i'd be", 0),
    ("we'd be fed up", 0),
    ("fed up", 0),
    // Awareness of the relationship or the stakes.
    ("i'm conscious", 0),
    ("i am conscious", 0),
    ("we're conscious", 0),
    ("we are conscious", 0),
    ("i'm mindful", 0),
    ("we're mindful", 0),
    ("mindful", 0),
    // Naming the feeling or the outcome.
    ("alarming", 0),
    ("fright", 0),
    ("a scare", 0),
    ("puzzling", 0),
    ("confusing", 0),
    ("a rubbish", 0),
    ("rotten", 0),
    ("setback", 0),
    ("in a bind", 0),
    ("every right to", 0),
    ("lands on you", 0),
    ("throws out your", 0),
    ("mess up your", 0),
    ("messes up your", 0),
    ("uncomfortable", 0),
    ("damaging", 0),
    ("miss it", 0),
    ("will miss", 0),
    // Knowing a fact, not the customer's situation.
    ("i understand from", MASK),
    ("we understand from", MASK),
    ("i understand you ordered", MASK),
    ("i understand you've ordered", MASK),
    ("i understand you have ordered", MASK),
    ("once we know", MASK),
    ("when we know", MASK),
    ("until we know", MASK),
    ("we know more", MASK),
    ("your favourite", 0),
    ("favourite of your", 0),
    ("you told us", 0),
    ("you mentioned", 0),
    ("appreciate the disruption", 0),
    ("appreciate that this", 0),
    ("week's budget", 0),
    ("out of the blue", 0),
    ("this is hard", 0),
    ("that is hard", 0),
    ("that's hard", 0),
    ("stings", 0),
    ("i appreciate you", 0),
    ("appreciate you'd", 0),
    ("appreciate you've", 0),
    ("stayed with me", 0),
    ("is a worry", 0),
    ("nerve-racking", 0),
    ("nerve-wracking", 0),
    ("let-down", 0),
    ("a letdown", 0),
    ("is hard with", 0),
    ("nasty surprise", 0),
    ("didn't plan for", 0),
    ("you didn't expect", 0),
    ("a hard time", 0),
    ("for you right now", 0),
    ("costing more for you", 0),
    ("i ken you", 0),
    ("you're the one", 0),
    ("deserved better", 0),
    ("deserve better", 0),
    ("you trusted", 0),
];

const ALTERNATIVE: &[(&str, u8)] = &[
    ("sell you", 0),
    ("aside for you", 0),
    ("current prices", 0),
    ("fixed-price", 0),
    ("fixed price", 0),
    ("very close to", 0),
    ("very close in", 0),
    ("off", AMOUNT_OFF),
    ("or collect", 0),
    ("we'll deliver", TIMED),
    ("we will deliver", TIMED),
    ("a corrected", 0),
    ("corrected bill", 0),
    ("corrected invoice", 0),
    ("% off", 0),
    ("alternative", 0),
    ("alternatives", 0),
    ("at cost", 0),
    ("at no charge", 0),
    ("at no cost", 0),
    ("at the same price", 0),
    ("book our", 0),
    ("cancel", 0),
    ("cancellation", 0),
    ("choice", 0),
    ("choose", 0),
    ("comparable", 0),
    ("compensation", 0),
    ("coupon", 0),
    ("courtesy car", 0),
    ("credit", 0),
    ("credited", 0),
    ("current price", 0),
    ("discount", 0),
    ("equivalent", 0),
    ("exchange", 0),
    ("expedite", 0),
    ("expedited", 0),
    ("free", 0),
    ("free of charge", 0),
    ("free session", 0),
    ("free shipping", 0),
    ("get £", 0),
    ("go off-peak", 0),
    ("goodwill", 0),
    ("half price", 0),
    ("hold it", 0),
    ("hold your order", 0),
    ("if you prefer", 0),
    ("if you'd prefer", 0),
    ("if you'd rather", 0),
    ("instead", 0),
    ("keep paper", 0),
    ("keep the order", 0),
    ("keep your order", 0),
    ("knock", 0),
    ("leave with no", 0),
    ("lend you", 0),
    ("loaner", 0),
    ("lock in", 0),
    ("money back", 0),
    ("move to", 0),
    ("no extra cost", 0),
    ("no fee", 0),
    ("off the", 0),
    ("off your", 0),
    ("old price", 0),
    ("option", 0),
    ("options", 0),
    ("or fix", 0),
    ("or get", 0),
    ("or go", 0),
    ("or have", 0),
    ("or keep", 0),
    ("or leave", 0),
    ("or lend", 0),
    ("or move", 0),
    ("or pick", 0),
    ("or see", 0),
    ("or stay", 0),
    ("or take", 0),
    ("or transfer", 0),
    ("or use", 0),
    ("or withdraw", 0),
    ("or you collect", 0),
    ("partial shipment", 0),
    ("pause", 0),
    ("percent off", 0),
    ("pick another", 0),
    ("prefer to wait", 0),
    ("put aside", 0),
    ("refund", 0),
    ("refunded", 0),
    ("refunding", 0),
    ("reimburse", 0),
    ("replacement", 0),
    ("reverse", 0),
    ("reversed", 0),
    ("same fare", 0),
    ("same price", 0),
    ("ship part", 0),
    ("ship the part", 0),
    ("ship the rest", 0),
    ("ship what", 0),
    ("similar", 0),
    ("split", 0),
    ("substitute", 0),
    ("substitution", 0),
    ("swap", 0),
    ("switch", 0),
    ("switch to", 0),
    ("take £", 0),
    ("use the", 0),
    ("voucher", 0),
    ("wait for", 0),
    ("waive", 0),
    ("waived", 0),
    ("we can add", 0),
    ("we can also", 0),
    ("we can arrange", 0),
    ("we can book", 0),
    ("we can bring", 0),
    ("we can deliver", 0),
    ("we can do", 0),
    ("we can fit", 0),
    ("we can forward", 0),
    ("we can give", 0),
    ("we can hold", 0),
    ("we can keep", 0),
    ("we can lend", 0),
    ("we can move", 0),
    ("we can offer", 0),
    ("we can pay", 0),
    ("we can print", 0),
    ("we can put", 0),
    ("we can run", 0),
    ("we can send", 0),
    ("we can ship", 0),
    ("we can spread", 0),
    ("we can transfer", 0),
    ("we could", 0),
    ("whether we could", MASK),
    ("we will cover", 0),
    ("we will credit", 0),
    ("we will pay", 0),
    ("we will take", 0),
    ("we'll cover", 0),
    ("we'll credit", 0),
    ("we'll pay", 0),
    ("we'll take", 0),
    ("with no fee", 0),
    ("without a fee", 0),
    ("workaround", 0),
    ("you can add", 0),
    ("you can also", 0),
    ("you can bank", 0),
    ("you can choose", 0),
    ("you can claim", 0),
    ("you can collect", 0),
    ("you can come", 0),
    ("you can have", 0),
    ("you can keep", 0),
    ("you can lock", 0),
    ("you can move", 0),
    ("you can switch", 0),
    ("you could", 0),
    ("you may get", 0),
    ("you may qualify", 0),
    ("arrive", TIMED),
    ("arrives", TIMED),
    ("arrive on", TIMED),
    ("will arrive", TIMED),
    ("deliver on", TIMED),
    ("deliver it on", TIMED),
    ("can deliver", TIMED),
    ("ready on", TIMED),
    ("ready by", TIMED),
    ("be ready", TIMED),
    ("will be ready", TIMED),
    ("dispatched on", TIMED),
    ("be dispatched", TIMED),
    ("ship on", TIMED),
    ("will ship", TIMED),
    ("ships on", TIMED),
    ("back-ordered to", TIMED),
    ("backordered to", TIMED),
    ("back-order until", TIMED),
    ("delayed to", TIMED),
    ("moved to", TIMED),
    ("move to", TIMED),
    ("now start", TIMED),
    ("start on", TIMED),
    ("fit on", TIMED),
    ("fit it on", TIMED),
    ("install on", TIMED),
    ("new date is", TIMED),
    ("new fitting date", TIMED),
    ("restored by", TIMED),
    ("restore", TIMED),
    ("be back by", TIMED),
    ("back up by", TIMED),
    ("pay by phone", 0),
    ("collect it from", 0),
    ("collect them from", 0),
    ("pick it up from", 0),
    // Hindsight, not an option.
    ("you could have", MASK),
    ("you could've", MASK),
    ("back on by", TIMED),
    ("back on at", TIMED),
    ("be back on", TIMED),
    ("back online", TIMED),
    ("reconnected", TIMED),
    ("working again", TIMED),
    ("reopen", TIMED),
    ("reopens", TIMED),
    ("available from", TIMED),
    ("available again", TIMED),
    ("instead of", TIMED),
    ("reach you", TIMED),
    ("be with you", TIMED),
    ("will now", TIMED),
    ("now be", TIMED),
    ("not mon", TIMED),
    ("not tue", TIMED),
    ("not wed", TIMED),
    ("not thu", TIMED),
    ("not fri", TIMED),
    ("not sat", TIMED),
    ("not sun", TIMED),
    ("free upgrade", 0),
    ("sending a replacement", MASK),
    ("sending us a replacement", MASK),
    ("credit card", MASK),
    ("new delivery date is", TIMED),
    ("new delivery date will be", TIMED),
    ("or we can", 0),
    ("or you can", 0),
    ("we could not", MASK),
    ("we couldn't", MASK),
    ("we could no longer", MASK),
    // A way to reach us is not an option about the matter.
    ("or you can ring", MASK),
    ("or you can call", MASK),
    ("or you can phone", MASK),
    ("or you can reach", MASK),
    ("or you can contact", MASK),
    ("or you can email", MASK),
    ("or you can text", MASK),
    ("or you can reply", MASK),
    ("or we could", 0),
    ("or you could", 0),
    ("you're welcome to", 0),
    ("you are welcome to", 0),
    ("happy to", 0),
    ("we'd be happy", 0),
    ("we would be happy", 0),
    ("alternatively", 0),
    ("another option", 0),
    ("other option", 0),
    ("pick", 0),
    ("prefer", 0),
    ("return", 0),
    ("compensate", 0),
    ("gift card", 0),
    ("priority", 0),
    ("first in line", 0),
    ("reserve", 0),
    ("reserved", 0),
    ("you reserved", MASK),
    ("you'd reserved", MASK),
    ("you had reserved", MASK),
    ("set aside", 0),
    ("hold", 0),
    ("keep your place", 0),
    ("wait for it", 0),
    ("or on", TIMED),
    ("the new date", TIMED),
    ("back in your account", 0),
    ("back into your account", 0),
    ("back on your card", 0),
    ("back to your card", 0),
    ("back to your account", 0),
    ("back in your bank", 0),
    ("pay you back", 0),
    ("paid back", 0),
    ("put it back", 0),
    ("in the meantime", 0),
    ("meanwhile", 0),
    ("while you wait", 0),
    ("trade in", 0),
    ("trade it in", 0),
    ("downgrade", 0),
    ("drop to", 0),
    ("drop the", 0),
    ("reprint", 0),
    ("resend", 0),
    ("re-send", 0),
    ("redeliver", 0),
    ("redelivery", 0),
    ("loan", 0),
    ("courtesy", 0),
    ("whichever you", 0),
    ("whichever suits", 0),
    ("your choice", 0),
    ("it's up to you", 0),
    ("we'll refund", 0),
    ("we will refund", 0),
    ("we'll replace", 0),
    ("we will replace", 0),
    ("replace your", 0),
    ("take off", 0),
    ("take it off", 0),
    ("save £", 0),
    ("you're free to", 0),
    ("you are free to", 0),
    ("instead of waiting", 0),
    ("in place of", 0),
    ("stay on", 0),
    ("move you", 0),
    ("move your", 0),
    ("transfer your", 0),
    ("forward your", 0),
    ("hold your", 0),
    ("extend", 0),
    ("extension", 0),
    ("if neither", 0),
    ("either have", 0),
    ("or send", 0),
    ("or cancel", 0),
    ("or refund", 0),
    ("or wait", 0),
    ("or pause", 0),
    ("or put", 0),
    ("or drop", 0),
    ("or export", 0),
    ("rebook", TIMED),
    ("reschedule", TIMED),
    ("offer you", 0),
    ("we can supply", 0),
    ("can supply you", 0),
    ("would offer you", MASK),
    ("would normally offer", MASK),
    ("to offer", 0),
    ("offering", 0),
    ("i can refund", 0),
    ("i can send", 0),
    ("i can credit", 0),
    ("i can offer", 0),
    ("i can move", 0),
    ("i can arrange", 0),
    ("i can book", 0),
    ("i can swap", 0),
    ("i can switch", 0),
    ("i can hold", 0),
    ("i can cancel", 0),
    ("i can put", 0),
    ("i could", 0),
    ("we'd like to offer", 0),
    ("let us", 0),
    // Stopgaps while the customer waits (P8): a loan, a temporary stand-in.
    ("bottled water", 0),
    ("water station", 0),
    ("loan unit", 0),
    ("a temporary", 0),
    ("a temporary fault", MASK),
    ("a temporary problem", MASK),
    ("a temporary outage", MASK),
    ("a temporary closure", MASK),
    ("stand-in", 0),
    ("stopgap", 0),
    ("interim", 0),
    ("a backup", 0),
    ("a spare", 0),
    ("hotspot", 0),
    ("a generator", 0),
    ("hire car", 0),
    ("taxi", 0),
    ("taxis", 0),
    ("hotel room", 0),
    ("warm space", 0),
    // Other slots or channels offered in place of the lost one.
    ("evening slots", 0),
    ("evening appointments", 0),
    ("weekend slots", 0),
    ("phone appointments", 0),
    ("phone appointment", 0),
    ("video appointments", 0),
    ("video appointment", 0),
    ("we'd be glad to", 0),
    ("we would be glad to", 0),
    ("glad to send", 0),
    ("until we can rebook", MASK),
    ("until we can reschedule", MASK),
    // Talking about options is not offering one.
    ("go through your options", MASK),
    ("talk through your options", MASK),
    ("discuss your options", MASK),
    ("discuss the options", MASK),
    ("look at your options", MASK),
    ("go through the options", MASK),
    ("you use the", MASK),
    ("main switch", MASK),
    ("power switch", MASK),
    // Our cancellation is the news, not an option.
    ("have to cancel", MASK),
    ("had to cancel", MASK),
    ("must cancel", MASK),
    ("rather than sell you", MASK),
    // A way to reach us is not an option about the matter.
    ("you can also reach", MASK),
    ("you can also call", MASK),
    ("you can also ring", MASK),
    ("you can also phone", MASK),
    ("you can also contact", MASK),
    ("you can also email", MASK),
    ("you can also get in touch", MASK),
    // A question that offers a choice: "Collection, or a Monday drop?"
    ("?", CHOICE),
    // Hinting at options is not offering one.
    ("there may be other options", MASK),
    ("may be other options", MASK),
    ("other options we could", MASK),
    ("we could look at", MASK),
    ("or do", 0),
    ("i can open", 0),
    ("we can open", 0),
    ("collect at", 0),
    ("or we deliver", 0),
    ("or we bring", 0),
    ("or we send", 0),
    ("or we refund", 0),
    ("we can see you", 0),
    ("aside", 0),
    ("aside from", MASK),
    ("can join", 0),
    ("you can renew", 0),
    ("pay monthly", 0),
    ("what we can do", MASK),
    ("we'll reissue", 0),
    ("pay over", 0),
    ("mobile generator", 0),
    ("may have other options", MASK),
    ("have other options", MASK),
    ("rather than", MASK),
    ("in the meantime, call", MASK),
    ("give you back", 0),
    ("give back the", 0),
];

const NEXT_STEP: &[(&str, u8)] = &[
    ("will", TIMED),
    ("'ll", TIMED),
    ("we're going to", TIMED),
    ("i'm going to", TIMED),
    ("next update", TIMED),
    ("update", TIMED),
    ("tracking", TIMED),
    ("report", TIMED),
    ("call", TIMED),
    // Non-native "I call because ..." introduces the call.
    ("i call because", MASK),
    ("i call about", MASK),
    ("i call to", MASK),
    ("text", TIMED),
    ("write", TIMED),
    ("remind", TIMED),
    ("confirm", TIMED),
    ("dispatched", TIMED),
    ("arrive", TIMED),
    ("arrives", TIMED),
    ("deliver", TIMED),
    ("refund", TIMED),
    ("expected", TIMED),
    ("expect", TIMED),
    ("shall", TIMED),
    ("plan to", TIMED),
    ("aim to", TIMED),
    ("due", TIMED),
    ("scheduled", TIMED),
    ("booked", TIMED),
    ("arranged", TIMED),
    ("you'll get", TIMED),
    ("you'll see", TIMED),
    ("you'll have", TIMED),
    ("back in stock", TIMED),
    ("restock", TIMED),
    ("available", TIMED),
    ("dispatch", TIMED),
    ("ship", TIMED),
    ("the ship", MASK),
    ("a ship", MASK),
    ("send", TIMED),
    ("contact", TIMED),
    ("ring", TIMED),
    ("message", TIMED),
    ("notify", TIMED),
    ("ready", TIMED),
    ("due to", MASK),
    ("due back", TIMED),
    ("get back to you", TIMED),
    ("be in touch", TIMED),
    ("let you know", TIMED),
    // How a call or letter opens, not what we will do next.
    ("calling to let you know", MASK),
    ("ringing to let you know", MASK),
    ("writing to let you know", MASK),
    ("sorry to let you know", MASK),
    ("just to let you know", MASK),
    ("keep you posted", TIMED),
    ("check in", TIMED),
    ("follow up", TIMED),
    ("chase", TIMED),
    ("visit you", TIMED),
    ("fit", TIMED),
    ("install", TIMED),
    ("collect", TIMED),
    ("repair", TIMED),
    ("fix", TIMED),
    ("fixed", TIMED),
    ("restore", TIMED),
    ("restored", TIMED),
    ("reconnect", TIMED),
    ("reconnected", TIMED),
    ("back online", TIMED),
    ("back up", TIMED),
    ("we're aiming", TIMED),
    ("expecting", TIMED),
    ("should be", TIMED),
    ("on track", TIMED),
    ("hear from", TIMED),
    ("reach you", TIMED),
    ("try you", TIMED),
    ("give you a ring", TIMED),
    ("drop you", TIMED),
    ("progress", TIMED),
    ("back on your card", TIMED),
    ("back to your card", TIMED),
    ("back in your account", TIMED),
    ("back into your account", TIMED),
    ("land", TIMED),
    ("lands", TIMED),
    ("show on", TIMED),
    // What was updated, not an update to come.
    ("software update", MASK),
    ("security update", MASK),
    ("system update", MASK),
    ("firmware update", MASK),
    // Why we are calling or writing, not what we will do next.
    ("i'm calling because", MASK),
    ("i'm calling about", MASK),
    ("i am calling because", MASK),
    ("i am calling about", MASK),
    ("i'm ringing because", MASK),
    ("i'm ringing about", MASK),
    ("i'm writing because", MASK),
    ("i'm writing about", MASK),
    ("as expected", MASK),
    ("than expected", MASK),
    ("show by", TIMED),
    ("should show", TIMED),
    ("should reach", TIMED),
    ("details by", TIMED),
    ("by email", TIMED),
    ("comes", TIMED),
    ("next pickup", TIMED),
    ("next collection", TIMED),
    ("next delivery", TIMED),
    // Non-native present for a plan: "I phone you Fri 6 Nov".
    ("i phone you", TIMED),
    ("i call you", TIMED),
    ("i text you", TIMED),
    ("i email you", TIMED),
    ("i write you", TIMED),
    ("i come", TIMED),
    ("we come", TIMED),
    ("back-ordered to", TIMED),
    ("backordered to", TIMED),
];

/// A question is a `?` or an indirect question asking for the customer's
/// choice, which call scripts often write without a question mark.
const QUESTION: &[(&str, u8)] = &[
    ("?", QMARK),
    // Small talk asks nothing about the matter.
    ("how are you?", MASK),
    ("how are you today?", MASK),
    ("how are you doing?", MASK),
    ("how are you keeping?", MASK),
    ("how have you been?", MASK),
    ("how are things?", MASK),
    ("are you well?", MASK),
    ("keeping well?", MASK),
    ("how was your weekend?", MASK),
    ("how's your day going?", MASK),
    ("let me know which", 0),
    ("let me know what", 0),
    ("let me know how", 0),
    ("let me know if you'd prefer", 0),
    ("tell me which", 0),
    ("tell me what", 0),
    ("which you'd prefer", 0),
    ("which you would prefer", 0),
    ("what you'd prefer", 0),
    ("what you would prefer", 0),
    ("i'd like to hear", 0),
    ("i'd love to hear", 0),
];

const THANKS: &[(&str, u8)] = &[
    ("thank you", 0),
    ("thanks", 0),
    ("thank", 0),
    ("grateful", 0),
    ("appreciate your patience", 0),
    ("appreciate your understanding", 0),
    ("appreciate your business", 0),
    ("appreciate you", 0),
    ("appreciate it", 0),
    ("we appreciate", 0),
    ("thanks so much", 0),
    ("many thanks", 0),
    ("bearing with us", 0),
    ("cheers for", 0),
    ("ta for", 0),
    ("thankful", 0),
    ("much appreciated", 0),
    ("appreciate your", 0),
    ("appreciated", 0),
    ("with gratitude", 0),
    ("gratitude", 0),
    ("no thanks to", MASK),
    // "Thanks to a storm": because of, not gratitude.
    ("thanks to a", MASK),
    ("thanks to an", MASK),
    ("thanks to the", MASK),
    ("thanking you", 0),
    // Thanks for the contact itself, not for patience or business.
    ("thanks for your email", MASK),
    ("thank you for your email", MASK),
    ("thanks for your message", MASK),
    ("thank you for your message", MASK),
    ("thanks for picking up", MASK),
    ("thank you for picking up", MASK),
    ("thanks for taking my call", MASK),
    ("thank you for taking my call", MASK),
];

/// Element phrases, indexed like [`Element::ALL`].
pub(crate) const PHRASES: [&[(&str, u8)]; 8] = [
    NEWS,
    REASON,
    APOLOGY,
    EMPATHY,
    ALTERNATIVE,
    NEXT_STEP,
    QUESTION,
    THANKS,
];

/// Whether `[a, b)` lies inside one of `spans` (sorted by start).
fn inside(spans: &[NSpan], a: u32, b: u32) -> bool {
    let i = spans.partition_point(|s| s.0 <= a);
    spans[..i].iter().rev().take(4).any(|s| s.1 >= b)
}

/// Whether one of `spans` (sorted by start) starts within `gap` bytes after `end`
/// ("apologize for any inconvenience": the apology word is part of the stock phrase).
fn followed_by(spans: &[NSpan], end: u32, gap: u32) -> bool {
    let i = spans.partition_point(|s| s.0 < end);
    spans.get(i).is_some_and(|s| s.0 <= end + gap)
}

/// Computes element evidence from the live hits.
pub(crate) fn compute(
    doc: &Doc<'_>,
    hits: &[Hit],
    by_owner: &[Vec<u32>],
    _opts: &Options,
    all_evidence: bool,
) -> ElementSet {
    let live = |owner: u8| {
        by_owner
            .get(owner as usize)
            .map(|v| v.as_slice())
            .unwrap_or(&[])
            .iter()
            .map(|&i| &hits[i as usize])
    };
    let spans_of = |owner: u8| live(owner).map(|h| h.span()).collect::<Vec<_>>();
    let mut insincere: Vec<NSpan> = spans_of(code::CONDITIONAL_APOLOGY);
    insincere.extend(spans_of(code::BOILERPLATE_APOLOGY));
    insincere.sort_unstable();
    let conditional = spans_of(code::CONDITIONAL_APOLOGY);
    // "Mistakes were made" names no cause, whatever words it shares with one.
    let evasive: Vec<NSpan> = live(code::EVASIVE_PASSIVE)
        .filter(|h| h.sub == 0)
        .map(|h| h.span())
        .collect();

    // Whether a live hit of element `e` counts: its sub-tag's grammar holds
    // and nothing around it (negation, an insincere apology, an evasive
    // passive) takes it back.
    let kept = |e: Element, h: &Hit| -> bool {
        if h.sub == TIMED && !doc.sentence_has_time(h.sentence) {
            return false;
        }
        // Part of a compound ("custom-fit shoes"), not the verb.
        if h.sub == TIMED && h.start > 0 && doc.norm.get(h.start as usize - 1) == Some(&b'-') {
            return false;
        }
        if h.sub == CONNECTIVE
            && (doc.slice((h.end, h.end + 1)) != b" "
                || starts_time(doc.slice((h.end, h.end.saturating_add(24)))))
        {
            return false;
        }
        if h.sub == AS_CLAUSE && !starts_clause(doc.slice((h.end, h.end.saturating_add(16)))) {
            return false;
        }
        if h.sub == FAILED && !a_cause_failed(doc, h) {
            return false;
        }
        // Both question checks look at a bounded window, so that they stay
        // linear on a megabyte of "x?x?x?" that never ends its sentence.
        let sentence = doc.sentences[h.sentence as usize];
        if h.sub == QMARK
            && asks_for_details(doc.slice((sentence.0, sentence.1.min(sentence.0 + 64))))
        {
            return false;
        }
        if h.sub == AS_BARE && !starts_cause(doc.slice((h.end, h.end.saturating_add(16)))) {
            return false;
        }
        if h.sub == CHOICE && !offers_choice(doc.sentence_before(h.start, 200)) {
            return false;
        }
        if h.sub == AMOUNT_OFF && !after_amount(doc.slice((h.start.saturating_sub(12), h.start))) {
            return false;
        }
        if e == Element::NextStep && h.sub == TIMED {
            let rest = doc.slice((h.end, h.end.saturating_add(24)));
            // "it will not come on Monday" and "they will cost £2 from
            // 1 May" are the news, not a next step.
            let ours = by_us(doc.slice((h.start.saturating_sub(8), h.start)));
            if negated_after(rest)
                || (is_future(doc.slice(h.span())) && !ours && tells_change(rest))
            {
                return false;
            }
        }
        match e {
            Element::Apology => {
                !inside(&insincere, h.start, h.end)
                    && !followed_by(&insincere, h.end, 16)
                    && !h.negated(doc)
            }
            Element::Empathy => !inside(&conditional, h.start, h.end) && !h.negated(doc),
            Element::Reason => {
                !inside(&evasive, h.start, h.end)
                    && !inside(&insincere, h.start, h.end)
                    && !about_the_customer(doc, h)
                    && !h.negated(doc)
                    && !on_signature_line(doc, h.start)
            }
            Element::Alternative | Element::Thanks | Element::NextStep => !h.negated(doc),
            _ => true,
        }
    };

    let mut set = ElementSet::default();
    for e in Element::ALL {
        let owner = ELEMENT_BASE + e.index() as u8;
        let out = &mut set.found[e.index()];
        let mut last_sentence = u32::MAX;
        for h in live(owner) {
            if !kept(e, h) {
                continue;
            }
            if !all_evidence && !out.is_empty() {
                // Presence and the first place are all the rules need.
                break;
            }
            if e == Element::Question || h.sub == TIMED {
                // Evidence is the whole sentence, once per sentence.
                if h.sentence == last_sentence {
                    continue;
                }
                last_sentence = h.sentence;
                let s = doc
                    .sentences
                    .get(h.sentence as usize)
                    .copied()
                    .unwrap_or((0, 0));
                out.push(trim(doc, s));
            } else {
                out.push(h.span());
            }
        }
    }
    if set.found[Element::Reason.index()].is_empty()
        && let Some(&news) = set.found[Element::News.index()].first()
    {
        // Sentences with a phrase of any rule or element ("shortly", "only
        // one day"): whatever they are, they are not a plain explanation.
        let mut cued = vec![false; doc.sentences.len()];
        for (owner, list) in by_owner.iter().enumerate() {
            // Naming a partner ("our crews") is no phrase of note; a
            // reproach pins the fault, which `missing-reason` counts anyway.
            if owner == code::BLAME as usize {
                continue;
            }
            let element = owner
                .checked_sub(ELEMENT_BASE as usize)
                .and_then(|i| Element::ALL.get(i).copied());
            for &i in list {
                let h = &hits[i as usize];
                if element.is_none_or(|e| kept(e, h)) {
                    cued[h.sentence as usize] = true;
                }
            }
        }
        let n = doc.sentence_of(news.0);
        if let Some(s) = (n + 1..doc.sentences.len().min(n + 3))
            .find(|&i| !cued[i] && explains(doc.slice(doc.sentences[i])))
        {
            set.found[Element::Reason.index()].push(trim(doc, doc.sentences[s]));
        }
    }
    set
}

/// Whether a sentence with no cue of any element reads as the explanation
/// of the news before it ("She needs surgery on her vocal cords."): a
/// statement of six words or more, not a question and not addressed to
/// the customer. A message that explains its news usually does so next,
/// in words no cue list can foresee.
fn explains(s: &[u8]) -> bool {
    // Openings of what is said to the customer, not about the cause:
    // "I know...", "Please...", and imperatives ("Ring me on...").
    const TO_THE_CUSTOMER: &[&[u8]] = &[
        b"i", b"i'm", b"i've", b"i'll", b"you", b"you're", b"you'll", b"your", b"please", b"if",
        b"we'll", b"thank", b"thanks", b"sorry", b"so", b"and", b"but", b"ring", b"call", b"phone",
        b"give", b"let", b"contact", b"reply", b"email", b"text", b"visit", b"drop", b"pop",
        b"feel", b"do", b"don't", b"just", b"see", b"check", b"choose", b"pick", b"tell",
    ];
    // Stock words that stand in for a cause: "for commercial reasons",
    // "part of our annual pricing review", "in line with our policy".
    const STAND_INS: &[&[u8]] = &[
        b"reasons",
        b"review",
        b"policy",
        b"circumstances",
        b"issue",
        b"issues",
    ];
    // What will happen is more of the news, not its cause.
    const FUTURE: &[&[u8]] = &[b"will", b"won't", b"we'll", b"it'll", b"they'll", b"shall"];
    let s = s.trim_ascii();
    let words: Vec<&[u8]> = s
        .split(|b| !(b.is_ascii_alphanumeric() || *b == b'\''))
        .filter(|w| !w.is_empty())
        .collect();
    !s.ends_with(b"?")
        && words.len() >= 6
        && !TO_THE_CUSTOMER.contains(&words[0])
        && !words
            .iter()
            .any(|w| STAND_INS.contains(w) || FUTURE.contains(w))
}

/// Whether `rest` (the bytes after a connective) starts with a time rather
/// than an event: a digit, a weekday or month, "then", "last week", "the
/// weekend". The cue grammar of [`CONNECTIVE`].
fn starts_time(rest: &[u8]) -> bool {
    const TIME_WORDS: &[&[u8]] = &[
        b"then",
        b"yesterday",
        b"today",
        b"tomorrow",
        b"tonight",
        b"last",
        b"next",
        b"lunch",
        b"noon",
        b"midday",
        b"midnight",
        b"morning",
        b"afternoon",
        b"evening",
        b"night",
        b"weekend",
        b"week",
        b"month",
        b"year",
        b"spring",
        b"summer",
        b"autumn",
        b"winter",
        b"christmas",
        b"easter",
        b"monday",
        b"tuesday",
        b"wednesday",
        b"thursday",
        b"friday",
        b"saturday",
        b"sunday",
        b"january",
        b"february",
        b"march",
        b"april",
        b"may",
        b"june",
        b"july",
        b"august",
        b"september",
        b"october",
        b"november",
        b"december",
        b"that",
        b"which",
        b"you",
        b"hours",
        b"midnight",
        b"payday",
        b"launch",
        b"school",
        b"work",
        b"dinner",
        b"breakfast",
        b"class",
        b"closing",
    ];
    const DETERMINERS: &[&[u8]] = &[b"the", b"this", b"that", b"a", b"an", b"early", b"late"];
    let mut words = rest
        .split(|b| !(b.is_ascii_alphanumeric() || *b == b'\''))
        .filter(|w| !w.is_empty());
    let Some(first) = words.next() else {
        return true;
    };
    // "after you've had them" is about "you", like "after you".
    let first = first.split(|&b| b == b'\'').next().unwrap_or(first);
    let is_time = |w: &[u8]| w[0].is_ascii_digit() || TIME_WORDS.contains(&w);
    if is_time(first) {
        return true;
    }
    DETERMINERS.contains(&first) && words.next().is_some_and(is_time)
}

/// Whether `rest` (the bytes after ", as") starts a causal clause rather than
/// a comparison or aside: "as prices are up", not "as usual", "as promised",
/// "as well as", "as you know".
fn starts_clause(rest: &[u8]) -> bool {
    const ASIDES: &[&[u8]] = &[
        b"well",
        b"soon",
        b"usual",
        b"always",
        b"ever",
        b"promised",
        b"agreed",
        b"discussed",
        b"requested",
        b"mentioned",
        b"planned",
        b"expected",
        b"arranged",
        b"explained",
        b"advertised",
        b"described",
        b"stated",
        b"noted",
        b"shown",
        b"listed",
        b"you",
        b"per",
        b"a",
        b"an",
        b"if",
        b"much",
        b"long",
        b"far",
        b"many",
        b"quickly",
        b"fast",
        b"we",
        b"i",
        b"of",
        b"from",
        b"before",
        b"normal",
        b"such",
        b"requested",
        b"good",
        b"ordered",
    ];
    let word = rest
        .trim_ascii_start()
        .split(|b| !(b.is_ascii_alphanumeric() || *b == b'\''))
        .next()
        .unwrap_or(b"");
    !word.is_empty() && !ASIDES.contains(&word)
}

/// Whether a hit of "failed" tells a cause: not "failed to", and not the
/// customer's payment or our delivery attempt failing (that is the news).
fn a_cause_failed(doc: &Doc<'_>, h: &Hit) -> bool {
    const NEWS: &[&[u8]] = &[
        b"your",
        b"payment",
        b"payments",
        b"delivery",
        b"attempt",
        b"debit",
        b"card",
        b"transfer",
        b"order",
        b"booking",
        b"we",
        b"i",
    ];
    let after = doc.slice((h.end, h.end.saturating_add(4)));
    if after.starts_with(b" to ") || after == b" to" {
        return false;
    }
    let s = doc.sentences.get(h.sentence as usize).map_or(0, |s| s.0);
    let before = doc.slice((s.max(h.start.saturating_sub(32)), h.start));
    !before
        .split(|b| !b.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .rev()
        .take(3)
        .any(|w| NEWS.contains(&w))
}

/// Whether `pos` lies on a short line of its own without sentence
/// punctuation after the first line: a sign-off or signature ("Kestrel
/// Industrial Supply"), where a cue word is a name, not a cause.
fn on_signature_line(doc: &Doc<'_>, pos: u32) -> bool {
    const MAX_LINE: usize = 48;
    let n = &doc.norm;
    let pos = (pos as usize).min(n.len());
    // Look no further than a short line reaches, so this stays cheap per hit.
    let lo = pos.saturating_sub(MAX_LINE + 1);
    let Some(a) = n[lo..pos]
        .iter()
        .rposition(|&b| b == b'\n')
        .map(|i| lo + i + 1)
    else {
        // The first line, or a line longer than a signature.
        return false;
    };
    let hi = (pos + MAX_LINE + 1).min(n.len());
    let z = match n[pos..hi].iter().position(|&b| b == b'\n') {
        Some(i) => pos + i,
        None if hi == n.len() => hi,
        None => return false,
    };
    let line = &n[a..z];
    line.len() <= MAX_LINE && !line.iter().any(|b| matches!(b, b'.' | b'!' | b'?' | b','))
}

/// Whether `rest` (the bytes after a bare "as") starts a causal clause
/// about volumes, demand or costs. The cue grammar of [`AS_BARE`].
fn starts_cause(rest: &[u8]) -> bool {
    const STARTS: &[&[u8]] = &[
        b"under", b"fewer", b"few", b"not", b"demand", b"prices", b"costs", b"sales", b"too",
        b"there's", b"there", b"they're", b"it's",
    ];
    let word = rest
        .trim_ascii_start()
        .split(|b| !(b.is_ascii_alphanumeric() || *b == b'\''))
        .next()
        .unwrap_or(b"");
    STARTS.contains(&word)
}

/// Whether a "because" gives the customer's motive, not our cause: "you
/// picked it because it suits your back".
fn about_the_customer(doc: &Doc<'_>, h: &Hit) -> bool {
    // ", because" explains the clause before it, whoever its subject.
    if doc.slice(h.span()) != b"because" || doc.slice((h.start.saturating_sub(2), h.start)) == b", "
    {
        return false;
    }
    let from = doc.sentences.get(h.sentence as usize).map_or(0, |s| s.0);
    doc.slice((from.max(h.start.saturating_sub(32)), h.start))
        .split(|b| !(b.is_ascii_alphanumeric() || *b == b'\''))
        .filter(|w| !w.is_empty())
        .rev()
        .take(4)
        .any(|w| matches!(w, b"you" | b"you're" | b"you've" | b"you'd"))
}

/// Whether a question offers the customer a choice about the matter:
/// "Collection, or a Monday drop?", not "Any questions or concerns?" nor
/// "Shall I call your landline or your mobile?".
fn offers_choice(sentence: &[u8]) -> bool {
    const NOT_ABOUT_THE_MATTER: &[&[u8]] = &[
        b"question",
        b"concern",
        b"anything else",
        b"call",
        b"ring",
        b"phone",
        b"email",
        b"text",
        b"contact",
        b"reach",
    ];
    contains_any(sentence, &[b" or "]) && !contains_any(sentence, NOT_ABOUT_THE_MATTER)
}

/// Whether a question only checks a detail ("Can I check your address is
/// still 14 Elm Road?", "Do you have your order number handy?") rather than
/// asking the customer's view or preference (P9).
fn asks_for_details(sentence: &[u8]) -> bool {
    const OPENERS: &[&[u8]] = &[
        b"can i check",
        b"can i just check",
        b"could i check",
        b"can i confirm",
        b"can you confirm",
        b"could you confirm",
        b"do you have your",
        b"have you got your",
        b"can i take your",
        b"could i take your",
        b"can i get your",
        b"is now a good time",
        b"is this a good time",
        b"have you got a",
        b"did our letter",
        b"did you get our",
        b"did you receive",
        // Small talk before the news.
        b"how are you",
        b"how's",
        b"how is",
        b"how was",
        b"did you have a good",
    ];
    let t = sentence.trim_ascii_start();
    let t = t
        .iter()
        .position(|b| b.is_ascii_alphanumeric())
        .map_or(t, |i| &t[i..]);
    // Whole words only: "have you got a" is not "have you got any".
    let opens = |t: &[u8]| {
        OPENERS
            .iter()
            .any(|o| t.starts_with(o) && t.get(o.len()).is_none_or(|b| !b.is_ascii_alphanumeric()))
    };
    // Past an opener such as "Before I go, ".
    let t = match t.iter().position(|&b| b == b',') {
        Some(i) if i < 24 && !opens(t) => t[i + 1..].trim_ascii_start(),
        _ => t,
    };
    opens(t)
}

/// Whether `before` (the bytes before "off") ends with an amount: "£10 ",
/// "20 percent ", "five pounds ". The cue grammar of [`AMOUNT_OFF`].
fn after_amount(before: &[u8]) -> bool {
    let before = before.trim_ascii_end();
    before.last().is_some_and(|b| b.is_ascii_digit())
        || [&b"percent"[..], b"pounds", b"euros", b"dollars", b"quid"]
            .iter()
            .any(|w| before.ends_with(w))
}

/// Whether a next-step cue is a bare future auxiliary.
fn is_future(cue: &[u8]) -> bool {
    matches!(cue, b"will" | b"'ll" | b"shall")
}

/// Whether `rest` (the bytes after a future auxiliary) tells a change to
/// the customer's terms: the news in the future tense ("will cost", "will
/// rise", "will stop"), not something we will do for them.
fn tells_change(rest: &[u8]) -> bool {
    const CHANGES: &[&[u8]] = &[
        b"cost",
        b"rise",
        b"increase",
        b"go",
        b"change",
        b"stop",
        b"end",
        b"close",
        b"cease",
        b"apply",
        b"charge",
        b"become",
        b"move",
        b"switch",
        b"drop",
        b"reduce",
    ];
    const AFTER_BE: &[&[u8]] = &[
        b"charged",
        b"withdrawn",
        b"discontinued",
        b"unavailable",
        b"closed",
        b"removed",
        b"increased",
        b"reduced",
        b"replaced",
        b"higher",
        b"lower",
        b"cancelled",
        b"suspended",
        b"late",
        b"delayed",
        b"postponed",
        b"looked",
        b"handled",
        b"served",
    ];
    let mut words = rest
        .split(|b| !(b.is_ascii_alphanumeric() || *b == b'\''))
        .filter(|w| !w.is_empty());
    match words.next() {
        Some(b"be") => words.next().is_some_and(|w| AFTER_BE.contains(&w)),
        // "your check-up will have to move"
        Some(b"have") => words.next() == Some(b"to"),
        Some(w) => CHANGES.contains(&w),
        None => false,
    }
}

/// Whether the words just before a future auxiliary make us its subject
/// ("we will", "I'll"): then it is a commitment, whatever the verb.
fn by_us(before: &[u8]) -> bool {
    let last = before
        .split(|b| !b.is_ascii_alphanumeric())
        .rfind(|w| !w.is_empty())
        .unwrap_or(b"");
    matches!(last, b"we" | b"i")
}

/// Whether `rest` (the bytes after a future auxiliary) negates it: "will
/// not", "will never".
fn negated_after(rest: &[u8]) -> bool {
    let rest = rest.trim_ascii_start();
    rest.starts_with(b"not ")
        || rest.starts_with(b"never ")
        || rest.starts_with(b"no longer")
        || rest == b"not"
        || rest == b"never"
}

/// A sentence span without surrounding whitespace.
fn trim(doc: &Doc<'_>, s: NSpan) -> NSpan {
    let b = doc.slice(s);
    let a = b.iter().position(|c| !c.is_ascii_whitespace()).unwrap_or(0);
    let z = b
        .iter()
        .rposition(|c| !c.is_ascii_whitespace())
        .map_or(a, |z| z + 1);
    (s.0 + a as u32, s.0 + z as u32)
}

/// Public reports, with positions, for every element.
pub(crate) fn report(doc: &Doc<'_>, set: &ElementSet) -> Vec<ElementReport> {
    let mut all: Vec<(usize, usize, usize)> = Vec::new(); // (orig start, element, slot)
    let mut reports: Vec<ElementReport> = Element::ALL
        .iter()
        .map(|&e| ElementReport {
            element: e,
            present: !set.get(e).is_empty(),
            evidence: Vec::new(),
        })
        .collect();
    for (ei, e) in Element::ALL.iter().enumerate() {
        for &s in set.get(*e).iter().take(MAX_EVIDENCE) {
            let (a, b) = doc.orig_span(s);
            let slot = reports[ei].evidence.len();
            reports[ei].evidence.push(Evidence {
                span: Span { start: a, end: b },
                start: Position { line: 0, column: 0 },
                text: doc.text.get(a..b).unwrap_or("").to_string(),
            });
            all.push((a, ei, slot));
        }
    }
    all.sort_unstable();
    let mut loc = Locator::new(doc.text);
    for (a, ei, slot) in all {
        let (line, column) = loc.locate(a);
        reports[ei].evidence[slot].start = Position { line, column };
    }
    reports
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Checker, Config};

    fn present(text: &str, e: Element) -> bool {
        let c = Checker::new(&Config::default()).unwrap();
        c.elements(text, &Options::default())
            .into_iter()
            .any(|r| r.element == e && r.present)
    }

    #[test]
    fn connectives_are_causal_unless_a_time_follows() {
        assert!(starts_time(b" 5pm on friday"));
        assert!(starts_time(b" monday"));
        assert!(starts_time(b" the weekend"));
        assert!(starts_time(b" last week"));
        assert!(!starts_time(b" a storm closed the port"));
        assert!(!starts_time(b" our supplier went bust"));
        assert!(present(
            "Your order is late since our supplier's plant flooded.",
            Element::Reason
        ));
        assert!(present(
            "The port closed after a storm in the Baltic.",
            Element::Reason
        ));
        assert!(!present(
            "Your order is late. I'll call you after 5pm, as I have since Monday.",
            Element::Reason
        ));
        assert!(!present(
            "Our after-school club closes at 5pm.",
            Element::Reason
        ));
    }

    #[test]
    fn the_news_in_the_future_tense_is_not_a_next_step() {
        let news = "From 1 November your statements will cost £2 a month.";
        assert!(!present(news, Element::NextStep));
        assert!(!present(
            "On 3 May the Linden table will be discontinued.",
            Element::NextStep
        ));
        assert!(present(
            &format!("{news} I will call you on 3 November."),
            Element::NextStep
        ));
        assert!(!present(
            "From next month your Saturday check-up will have to move.",
            Element::NextStep
        ));
        assert!(present(
            "We will move your booking to Tuesday 4 March.",
            Element::NextStep
        ));
    }

    #[test]
    fn how_we_found_out_and_evasive_passives_are_not_reasons() {
        assert!(!present(
            "Following a review of your account, we are writing to you.",
            Element::Reason
        ));
        assert!(!present("Mistakes were made.", Element::Reason));
        assert!(present(
            "Your bag costs £10.50 from 1 Nov, as coffee prices are up 40%.",
            Element::Reason
        ));
        assert!(!present(
            "Your bag costs £10.50, as promised.",
            Element::Reason
        ));
        assert!(present(
            "Your cake will be late: our big oven failed.",
            Element::Reason
        ));
        assert!(!present("Your payment failed.", Element::Reason));
        assert!(!present("We failed to deliver it.", Element::Reason));
    }

    #[test]
    fn negated_futures_are_not_next_steps() {
        assert!(negated_after(b" not come"));
        assert!(negated_after(b" never"));
        assert!(!negated_after(b" call you"));
        assert!(!present("It will not come on Monday.", Element::NextStep));
        assert!(present("I'll call you on Monday.", Element::NextStep));
        // "due to" is a cause, not a due date.
        assert!(!present(
            "Your 18:40 train is cancelled due to a signal failure.",
            Element::NextStep
        ));
    }

    #[test]
    fn broader_cues() {
        assert!(present(
            "I can picture the knock-on with your buyers.",
            Element::Empathy
        ));
        assert!(present("Cheers for your patience.", Element::Thanks));
        assert!(present(
            "The £45 will be back in your account by Thursday.",
            Element::Alternative
        ));
        assert!(present(
            "Let me know which you'd prefer.",
            Element::Question
        ));
        assert!(present(
            "What happened is that the glaze failed our lead test.",
            Element::Reason
        ));
        // Stopgaps are alternatives; praise is not empathy; "we've retired X" is news.
        assert!(present(
            "Bottled water is at the Hill Rd car park.",
            Element::Alternative
        ));
        assert!(present(
            "We can put in a temporary worktop at no charge.",
            Element::Alternative
        ));
        assert!(!present(
            "Thanks for being such a loyal customer.",
            Element::Empathy
        ));
        assert!(present("I'd have been puzzled too.", Element::Empathy));
        assert!(!present(
            "Sorry, we've retired Smoky Lapsang.",
            Element::Reason
        ));
        assert!(present(
            "Thieves stole copper cable last night.",
            Element::Reason
        ));
        assert!(!present(
            "We'll no longer offer appointments from next month.",
            Element::NextStep
        ));
        assert!(present(
            "£8 back on your card by Mon 12 May.",
            Element::NextStep
        ));
        assert!(!present(
            "Oakfield After School Club closes at 5pm from Monday.",
            Element::Reason
        ));
    }
}
