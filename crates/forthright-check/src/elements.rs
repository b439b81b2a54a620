//! Playbook elements: which parts of a good bad-news message are present.
//!
//! A good message has the news (P4), its reason (P5), a sincere apology and
//! empathy (P6), alternatives (P8), a next step (P13, P14), in a call a
//! question for the customer (P9), and thanks (P11). The `missing-*` rules
//! and `buried-news` read this set; `forthright check --elements` shows it.

use crate::checker::{ELEMENT_BASE, Hit, MASK};
use crate::registry::code;
use crate::rules::has_concrete_time;
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
    ("failed", 0),
    ("go up", 0),
    ("goes up", 0),
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
];

const REASON: &[(&str, u8)] = &[
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
    ("in order to", 0),
    ("as our", 0),
    ("as the", 0),
    ("as its", 0),
    ("as their", 0),
    ("as two", 0),
    ("as dr", 0),
    ("as my", 0),
    ("after a", 0),
    ("after our", 0),
    ("after losing", 0),
    ("following a", 0),
    ("following the", 0),
    ("when our", 0),
    ("while its", 0),
    ("while our", 0),
    ("since our", 0),
    ("broke", 0),
    ("broken", 0),
    ("breakdown", 0),
    ("broke down", 0),
    ("closed", 0),
    ("closure", 0),
    ("retired", 0),
    ("retires", 0),
    ("retiring", 0),
    ("expired", 0),
    ("split", 0),
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
    ("power cut", 0),
    ("power cuts", 0),
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
    ("went bust", 0),
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
    ("old", 0),
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
    ("since the", 0),
    ("not enough", 0),
    ("enough", 0),
    ("out of business", 0),
    ("customs", 0),
    ("disk", 0),
    ("system", 0),
    ("systems", 0),
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
    ("after the", 0),
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
    ("we've had to", 0),
    ("we have had to", 0),
    ("required", 0),
    ("requires", 0),
    ("ran out", 0),
    ("run out", 0),
    ("supply", 0),
    ("supplier", 0),
    ("suppliers", 0),
    ("manufacturer", 0),
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
    ("typo", 0),
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
    ("bankrupt", 0),
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
    ("accident", 0),
    ("theft", 0),
    ("stolen", 0),
    ("break-in", 0),
    ("lorry", 0),
    ("truck", 0),
    ("vessel", 0),
    ("delayed at", 0),
    ("stuck at", 0),
    ("stuck in", 0),
];

const APOLOGY: &[(&str, u8)] = &[
    ("sorry", 0),
    ("apologize", 0),
    ("apologise", 0),
    ("apologies", 0),
    ("apology", 0),
    ("we regret", 0),
    ("i regret", 0),
];

const EMPATHY: &[(&str, u8)] = &[
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
    ("such a", 0),
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
    ("i can imagine", 0),
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
    ("matters to you", 0),
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
];

const ALTERNATIVE: &[(&str, u8)] = &[
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
    ("reimburse", 0),
    ("compensate", 0),
    ("compensation", 0),
    ("gift card", 0),
    ("priority", 0),
    ("first in line", 0),
    ("reserve", 0),
    ("reserved", 0),
    ("set aside", 0),
    ("hold", 0),
    ("keep your place", 0),
    ("wait for it", 0),
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
    ("text", TIMED),
    ("email", TIMED),
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
    ("we're going to", TIMED),
    ("i'm going to", TIMED),
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
    ("send", TIMED),
    ("contact", TIMED),
    ("ring", TIMED),
    ("phone", TIMED),
    ("message", TIMED),
    ("notify", TIMED),
    ("post", TIMED),
    ("ready", TIMED),
];

const QUESTION: &[(&str, u8)] = &[("?", QMARK)];

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

    let mut set = ElementSet::default();
    let mut timed_cache: Option<(u32, bool)> = None;
    for e in Element::ALL {
        let owner = ELEMENT_BASE + e.index() as u8;
        let out = &mut set.found[e.index()];
        let mut last_sentence = u32::MAX;
        for h in live(owner) {
            if h.sub == TIMED {
                let timed = match timed_cache {
                    Some((s, t)) if s == h.sentence => t,
                    _ => {
                        let s = doc
                            .sentences
                            .get(h.sentence as usize)
                            .copied()
                            .unwrap_or((0, 0));
                        let t = has_concrete_time(doc.slice(s));
                        timed_cache = Some((h.sentence, t));
                        t
                    }
                };
                if !timed {
                    continue;
                }
            }
            let keep = match e {
                Element::Apology => {
                    !inside(&insincere, h.start, h.end)
                        && !followed_by(&insincere, h.end, 16)
                        && !doc.negated(h.start)
                }
                Element::Empathy => !inside(&conditional, h.start, h.end) && !doc.negated(h.start),
                Element::Alternative | Element::Thanks | Element::Reason | Element::NextStep => {
                    !doc.negated(h.start)
                }
                _ => true,
            };
            if !keep {
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
    set
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
