//! `jargon`: internal terms a customer should not see (SKU, 3PL, WMS, ERP,
//! RMA, internal status codes). The list is configurable.

use super::RuleDef;
use crate::Severity;
use crate::checker::{Ctx, Sink};
use crate::registry::{Category, Example, Rule};

/// Built-in jargon terms; `[check] jargon` adds more, `allow-jargon` removes some.
pub(crate) const DEFAULT_TERMS: &[&str] = &[
    "sku",
    "skus",
    "3pl",
    "wms",
    "erp",
    "rma",
    "rmas",
    "asn",
    "oos",
    "edi",
    "crm",
    "lpn",
    "po number",
    "pick ticket",
    "pick list",
    "putaway",
    "cross-dock",
    "cross dock",
    "cycle count",
    "backorder queue",
    "allocation run",
    "inbound asn",
    "dc",
    "fulfillment node",
    "ticket escalated",
    "tier 2",
    "tier-2",
    "l2 support",
    "l3 support",
    "sev1",
    "cutover",
    "migration wave",
    "sev-1",
    "sev 1",
    "sev2",
    "sev-2",
    "p1 incident",
    "rca",
    "jira",
    "status code",
    "error code",
    "ops team",
    "upstream",
    "downstream",
    "noc",
    "olt",
    "ticket status",
];

/// The rule.
pub(crate) static DEF: RuleDef = RuleDef {
    rule: Rule {
        id: "jargon",
        category: Category::Clarity,
        severity: Severity::Warning,
        summary: "Internal terms a customer should not see (SKU, 3PL, WMS, ERP, RMA, status codes).",
        principle: "P5",
        rationale: "Internal words make the customer decode our systems instead of understanding \
            their situation, and read as hiding behind process. Say it in the customer's words \
            (P5). Configure the list with `[check] jargon` and `allow-jargon`.",
        bad: &[
            Example::plain("Your SKU 4411 is stuck in the WMS at our 3PL."),
            Example::plain("The order is in status BO_HOLD until the ERP sync."),
        ],
        good: &[Example::plain(
            "Your blue desk lamp is waiting at our warehouse.",
        )],
    },
    phrases: &[],
    check,
};

fn check(ctx: &Ctx<'_>, sink: &mut Sink) {
    let emit = |sink: &mut Sink, span: (u32, u32)| {
        let w = ctx.text_of(span);
        sink.emit(
            span,
            format!("\"{w}\" is internal jargon a customer should not have to decode (P5)"),
            Some("Say it in the customer's words: the product's name, \"our warehouse\", \"your return\".".into()),
        );
    };
    let mut codes = ctx.doc.codes.iter().peekable();
    for h in ctx.mine() {
        while let Some(&&c) = codes.peek() {
            if c.0 >= h.start {
                break;
            }
            if !ctx.doc.is_quoted(c.0) {
                emit(sink, c);
            }
            codes.next();
        }
        emit(sink, h.span());
    }
    for &c in codes {
        if !ctx.doc.is_quoted(c.0) {
            emit(sink, c);
        }
    }
}
