//! Turning one record into one domain row, checking every field, every
//! reference and key uniqueness within the file.
//!
//! The rows are reused from record to record (their strings cleared and
//! refilled), so a valid record costs no allocation once buffers have grown.

use crate::error::Errors;
use crate::fields;
use crate::schema::Kind;
use crate::source::Fields;
use forthright_core::{
    Channel, Customer, LineStatus, Money, OrderLine, Product, ProductStatus, Shipment, Tier,
};
use forthright_store::{ImportTx, KeyKind, Store, StoreError};
use jiff::Timestamp;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, DefaultHasher, Hasher};

/// Keys already seen in this file: a 128-bit hash of each key and the line it
/// was on, never the key itself, so a million order lines cost tens of MB.
#[derive(Default)]
struct SeenKeys(HashMap<(u64, u64), u32, BuildHasherDefault<PassThrough>>);

impl SeenKeys {
    /// Records the key; returns the line it was first seen on if it was.
    fn first_seen(&mut self, parts: [&str; 2], line: u64) -> Option<u64> {
        let mut a = DefaultHasher::new();
        let mut b = DefaultHasher::new();
        b.write_u64(0x9e37_79b9_7f4a_7c15);
        for part in parts {
            a.write(part.as_bytes());
            b.write(part.as_bytes());
            // 0xff never occurs in UTF-8: ("ab", "c") and ("a", "bc") differ.
            a.write_u8(0xff);
            b.write_u8(0xff);
        }
        let line = u32::try_from(line).unwrap_or(u32::MAX);
        match self.0.entry((a.finish(), b.finish())) {
            std::collections::hash_map::Entry::Occupied(e) => Some(u64::from(*e.get())),
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(line);
                None
            }
        }
    }
}

/// The keys are hashes already: the map hashes them no further.
#[derive(Default)]
struct PassThrough(u64);

impl Hasher for PassThrough {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = self.0.rotate_left(29) ^ n;
    }
}

/// Keys that exist in the store, which the file's references must name.
#[derive(Default)]
pub(crate) struct References {
    customers: HashSet<String>,
    skus: HashSet<String>,
    orders: HashSet<String>,
}

impl References {
    /// Loads the key sets `kind` refers to, once per import.
    pub(crate) fn load(store: &mut dyn Store, kind: Kind) -> Result<References, StoreError> {
        let mut refs = References::default();
        match kind {
            Kind::Orders => {
                refs.customers = store.known_keys(KeyKind::Customers)?;
                refs.skus = store.known_keys(KeyKind::Skus)?;
            }
            Kind::Shipments => refs.orders = store.known_keys(KeyKind::Orders)?,
            Kind::Customers | Kind::Products => {}
        }
        Ok(refs)
    }
}

/// Checks records of one kind and holds the last valid row.
pub(crate) struct Checker {
    kind: Kind,
    refs: References,
    seen: SeenKeys,
    /// Time zones already found valid (a shop has a few hundred at most).
    zones: HashSet<String>,
    customer: Customer,
    product: Product,
    line: OrderLine,
    shipment: Shipment,
    /// SKUs of imported products with no stock left, for detection (P1).
    pub(crate) stocked_out: Vec<String>,
}

/// Field-level checks of one record, reporting into the file's errors.
struct Row<'a, 'f> {
    kind: Kind,
    line: u64,
    fields: &'f dyn Fields,
    errors: &'a mut Errors,
    ok: bool,
}

impl<'f> Row<'_, 'f> {
    fn name(&self, col: usize) -> &'static str {
        self.kind.columns()[col].name
    }

    /// The value, which may be empty.
    fn any(&self, col: usize) -> &'f str {
        self.fields.get(col)
    }

    /// Reports the value of `col` as not being `expected`.
    fn bad(&mut self, col: usize, expected: impl FnOnce() -> String) {
        self.ok = false;
        let (name, value) = (self.name(col), self.fields.get(col));
        self.errors.push(self.line, Some(name), Some(value), || {
            format!("is not {}", expected())
        });
    }

    /// A value that must not be empty.
    fn required(&mut self, col: usize, what: &'static str) -> &'f str {
        let v = self.fields.get(col);
        if v.is_empty() {
            self.ok = false;
            let name = self.name(col);
            self.errors.push(self.line, Some(name), None, || {
                format!("is empty: expected {what}")
            });
        }
        v
    }

    /// Parses a non-empty value, reporting `expected` when it does not parse.
    fn parse<T>(
        &mut self,
        col: usize,
        expected: &'static str,
        parse: impl FnOnce(&str) -> Option<T>,
    ) -> Option<T> {
        let v = self.required(col, expected);
        if v.is_empty() {
            return None;
        }
        let parsed = parse(v);
        if parsed.is_none() {
            self.bad(col, || expected.to_owned());
        }
        parsed
    }

    /// Parses a value that may be empty (then `default`).
    fn optional<T>(
        &mut self,
        col: usize,
        default: T,
        expected: &'static str,
        parse: impl FnOnce(&str) -> Option<T>,
    ) -> T {
        let v = self.fields.get(col);
        if v.is_empty() {
            return default;
        }
        match parse(v) {
            Some(t) => t,
            None => {
                self.bad(col, || expected.to_owned());
                default
            }
        }
    }

    /// Reports a key that appeared earlier in the file.
    fn unique(
        &mut self,
        seen: &mut SeenKeys,
        col: usize,
        parts: [&str; 2],
        what: impl FnOnce(u64) -> String,
    ) {
        if parts[0].is_empty() {
            return;
        }
        if let Some(first) = seen.first_seen(parts, self.line) {
            self.ok = false;
            let (name, value) = (self.name(col), self.fields.get(col));
            self.errors
                .push(self.line, Some(name), Some(value), || what(first));
        }
    }

    /// Reports a reference to a key the store does not have.
    fn known(&mut self, col: usize, value: &str, keys: &HashSet<String>, what: &'static str) {
        if !value.is_empty() && !keys.contains(value) {
            self.ok = false;
            let name = self.name(col);
            self.errors.push(self.line, Some(name), Some(value), || {
                format!("is not {what}")
            });
        }
    }
}

/// Copies `value` into a reused string.
fn set(into: &mut String, value: &str) {
    into.clear();
    into.push_str(value);
}

fn set_opt(into: &mut Option<String>, value: &str) {
    match (into.as_mut(), value.is_empty()) {
        (_, true) => *into = None,
        (Some(s), false) => set(s, value),
        (None, false) => *into = Some(value.to_owned()),
    }
}

const CHANNELS: &str = "one of phone, email, sms, or empty";
const TIERS: &str = "one of standard, silver, gold, platinum, or empty";

impl Checker {
    pub(crate) fn new(kind: Kind, refs: References) -> Checker {
        let epoch = Timestamp::UNIX_EPOCH;
        Checker {
            kind,
            refs,
            seen: SeenKeys::default(),
            zones: HashSet::new(),
            customer: Customer {
                id: String::new(),
                name: String::new(),
                email: None,
                phone: None,
                timezone: String::new(),
                preferred_channel: None,
                tier: Tier::Standard,
                do_not_contact: false,
            },
            product: Product {
                sku: String::new(),
                name: String::new(),
                category: String::new(),
                price: Money::ZERO,
                stock: 0,
                features: Vec::new(),
                status: ProductStatus::Active,
            },
            line: OrderLine {
                order_id: String::new(),
                customer_id: String::new(),
                sku: String::new(),
                quantity: 0,
                unit_price: Money::ZERO,
                placed_at: epoch,
                promised_at: epoch,
                paid: false,
                status: LineStatus::Open,
            },
            shipment: Shipment {
                order_id: String::new(),
                carrier: String::new(),
                eta: epoch,
                reason: String::new(),
            },
            stocked_out: Vec::new(),
        }
    }

    /// Checks one record; when every field is valid the row is ready for [`Checker::write`].
    pub(crate) fn check(&mut self, line: u64, fields: &dyn Fields, errors: &mut Errors) -> bool {
        let mut row = Row {
            kind: self.kind,
            line,
            fields,
            errors,
            ok: true,
        };
        match self.kind {
            Kind::Customers => self.customer(&mut row),
            Kind::Products => self.product(&mut row),
            Kind::Orders => self.order_line(&mut row),
            Kind::Shipments => self.shipment(&mut row),
        }
        row.ok
    }

    /// Writes the row the last successful [`Checker::check`] produced.
    pub(crate) fn write(&mut self, tx: &mut dyn ImportTx) -> Result<(), StoreError> {
        match self.kind {
            Kind::Customers => tx.put_customer(&self.customer),
            Kind::Products => {
                if self.product.stock <= 0 {
                    self.stocked_out.push(self.product.sku.clone());
                }
                tx.put_product(&self.product)
            }
            Kind::Orders => tx.put_order_line(&self.line),
            Kind::Shipments => tx.put_shipment(&self.shipment),
        }
    }

    fn customer(&mut self, row: &mut Row<'_, '_>) {
        let c = &mut self.customer;
        let id = row.required(0, "a customer id");
        row.unique(&mut self.seen, 0, [id, ""], |first| {
            format!("is a duplicate: customer id already on line {first}")
        });
        set(&mut c.id, id);
        set(&mut c.name, row.required(1, "the customer's name"));
        let email = row.any(2);
        if !email.is_empty() && !fields::email(email) {
            row.bad(2, || "an email address like ana@example.com".into());
        }
        set_opt(&mut c.email, email);
        let phone = row.any(3);
        if !phone.is_empty() && !fields::phone(phone) {
            row.bad(3, || "a phone number like +49 30 1234567".into());
        }
        set_opt(&mut c.phone, phone);
        let zone = row.required(4, "an IANA time zone like Europe/Berlin");
        if !zone.is_empty() && !self.zones.contains(zone) {
            if forthright_core::customer::validate_timezone(zone).is_ok() {
                self.zones.insert(zone.to_owned());
            } else {
                row.bad(4, || "an IANA time zone like Europe/Berlin".into());
            }
        }
        set(&mut c.timezone, zone);
        c.preferred_channel = row.optional(5, None, CHANNELS, |v| match v.parse() {
            Ok(ch @ (Channel::Phone | Channel::Email | Channel::Sms)) => Some(Some(ch)),
            _ => None,
        });
        c.tier = row.optional(6, Tier::Standard, TIERS, |v| v.parse().ok());
        c.do_not_contact = row.optional(7, false, "true, false, or empty", fields::boolean);
    }

    fn product(&mut self, row: &mut Row<'_, '_>) {
        let p = &mut self.product;
        let sku = row.required(0, "a sku");
        row.unique(&mut self.seen, 0, [sku, ""], |first| {
            format!("is a duplicate: sku already on line {first}")
        });
        set(&mut p.sku, sku);
        set(&mut p.name, row.required(1, "the product's name"));
        set(&mut p.category, row.required(2, "a category"));
        p.price = row
            .parse(3, "a price of 0 or more like 12.50", |v| {
                fields::money(v).filter(|m| m.minor() >= 0)
            })
            .unwrap_or(Money::ZERO);
        p.stock = row
            .parse(4, "a whole number of units in stock", fields::integer)
            .unwrap_or(0);
        fields::features(row.any(5), &mut p.features);
        p.status = row.optional(
            6,
            ProductStatus::Active,
            "one of active, discontinued, or empty",
            |v| v.parse().ok(),
        );
    }

    fn order_line(&mut self, row: &mut Row<'_, '_>) {
        let l = &mut self.line;
        let order_id = row.required(0, "an order id");
        let sku = row.required(2, "a sku");
        if !sku.is_empty() {
            row.unique(&mut self.seen, 2, [order_id, sku], |first| {
                format!("is a duplicate: order {order_id:?} already has a line for this sku on line {first}")
            });
        }
        let customer_id = row.required(1, "a customer id");
        row.known(
            1,
            customer_id,
            &self.refs.customers,
            "a known customer id (import customers first)",
        );
        row.known(
            2,
            sku,
            &self.refs.skus,
            "a known sku (import products first)",
        );
        set(&mut l.order_id, order_id);
        set(&mut l.customer_id, customer_id);
        set(&mut l.sku, sku);
        l.quantity = row
            .parse(3, "a whole number greater than 0", |v| {
                fields::integer(v).filter(|q| *q > 0)
            })
            .unwrap_or(0);
        l.unit_price = row
            .parse(4, "a price of 0 or more like 12.50", |v| {
                fields::money(v).filter(|m| m.minor() >= 0)
            })
            .unwrap_or(Money::ZERO);
        if let Some(t) = row.parse(5, fields::TIMESTAMP, fields::timestamp) {
            l.placed_at = t;
        }
        if let Some(t) = row.parse(6, fields::TIMESTAMP_OR_DATE, fields::timestamp_or_date) {
            l.promised_at = t;
        }
        l.paid = row
            .parse(7, "true or false", fields::boolean)
            .unwrap_or(false);
        if let Some(s) = row.parse(8, "one of open, shipped, delivered, cancelled", |v| {
            v.parse().ok()
        }) {
            l.status = s;
        }
    }

    fn shipment(&mut self, row: &mut Row<'_, '_>) {
        let s = &mut self.shipment;
        let order_id = row.required(0, "an order id");
        row.unique(&mut self.seen, 0, [order_id, ""], |first| {
            format!("is a duplicate: this order's shipment is already on line {first}")
        });
        row.known(
            0,
            order_id,
            &self.refs.orders,
            "a known order id (import orders first)",
        );
        set(&mut s.order_id, order_id);
        set(&mut s.carrier, row.required(1, "a carrier name"));
        if let Some(t) = row.parse(2, fields::TIMESTAMP_OR_DATE, fields::timestamp_or_date) {
            s.eta = t;
        }
        set(&mut s.reason, row.any(3));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Values(Vec<&'static str>);

    impl Fields for Values {
        fn get(&self, col: usize) -> &str {
            self.0[col]
        }
    }

    fn refs() -> References {
        let set = |v: &[&str]| v.iter().map(|s| s.to_string()).collect();
        References {
            customers: set(&["c1"]),
            skus: set(&["K1"]),
            orders: set(&["o1"]),
        }
    }

    /// Checks records in turn; returns the errors of the last one.
    fn check(kind: Kind, records: &[Vec<&'static str>]) -> (Checker, Vec<String>) {
        let mut checker = Checker::new(kind, refs());
        let mut last = Vec::new();
        for (i, r) in records.iter().enumerate() {
            let mut errors = Errors::new("t.csv", 50);
            let ok = checker.check(i as u64 + 2, &Values(r.clone()), &mut errors);
            last = errors
                .into_parts()
                .0
                .iter()
                .map(|e| e.to_string())
                .collect();
            assert_eq!(ok, last.is_empty(), "{last:?}");
        }
        (checker, last)
    }

    const ORDER: [&str; 9] = [
        "o1",
        "c1",
        "K1",
        "2",
        "19.99",
        "2026-12-01T10:00:00Z",
        "2026-12-05",
        "true",
        "open",
    ];

    fn order_with(col: usize, value: &'static str) -> Vec<&'static str> {
        let mut r = ORDER.to_vec();
        r[col] = value;
        r
    }

    #[test]
    fn a_valid_order_line_is_read_exactly() {
        let (c, errs) = check(Kind::Orders, &[ORDER.to_vec()]);
        assert!(errs.is_empty());
        assert_eq!(c.line.unit_price, Money::from_minor(1_999));
        assert_eq!(c.line.quantity, 2);
        assert!(c.line.paid);
        assert_eq!(
            c.line.promised_at,
            fields::timestamp("2026-12-05T23:59:59Z").unwrap()
        );
    }

    #[test]
    fn each_order_field_error_names_field_value_and_expectation() {
        for (col, value, expected) in [
            (
                5,
                "2026-13-01",
                "t.csv:2: field \"placed_at\": \"2026-13-01\" is not an RFC 3339 timestamp like 2026-12-05T14:00:00Z",
            ),
            (
                6,
                "soon",
                "t.csv:2: field \"promised_at\": \"soon\" is not an RFC 3339 timestamp like 2026-12-05T14:00:00Z, or a date like 2026-12-05",
            ),
            (
                3,
                "-1",
                "t.csv:2: field \"quantity\": \"-1\" is not a whole number greater than 0",
            ),
            (
                3,
                "0",
                "t.csv:2: field \"quantity\": \"0\" is not a whole number greater than 0",
            ),
            (
                3,
                "1.5",
                "t.csv:2: field \"quantity\": \"1.5\" is not a whole number greater than 0",
            ),
            (
                4,
                "-0.01",
                "t.csv:2: field \"unit_price\": \"-0.01\" is not a price of 0 or more like 12.50",
            ),
            (
                4,
                "12.999",
                "t.csv:2: field \"unit_price\": \"12.999\" is not a price of 0 or more like 12.50",
            ),
            (
                7,
                "yes",
                "t.csv:2: field \"paid\": \"yes\" is not true or false",
            ),
            (
                8,
                "lost",
                "t.csv:2: field \"status\": \"lost\" is not one of open, shipped, delivered, cancelled",
            ),
            (
                1,
                "c9",
                "t.csv:2: field \"customer_id\": \"c9\" is not a known customer id (import customers first)",
            ),
            (
                2,
                "K9",
                "t.csv:2: field \"sku\": \"K9\" is not a known sku (import products first)",
            ),
            (
                0,
                "",
                "t.csv:2: field \"order_id\" is empty: expected an order id",
            ),
        ] {
            let (_, errs) = check(Kind::Orders, &[order_with(col, value)]);
            assert_eq!(errs, [expected]);
        }
    }

    #[test]
    fn every_bad_field_of_a_row_is_reported() {
        let (_, errs) = check(
            Kind::Orders,
            &[vec!["o1", "c9", "K9", "x", "y", "z", "w", "v", "u"]],
        );
        assert_eq!(errs.len(), 8, "{errs:#?}");
    }

    #[test]
    fn duplicate_keys_within_a_file_point_at_the_first() {
        let other_sku_same_order = {
            let mut r = ORDER.to_vec();
            r[2] = "K1";
            r[0] = "o2";
            r
        };
        let (_, errs) = check(
            Kind::Orders,
            &[ORDER.to_vec(), other_sku_same_order, ORDER.to_vec()],
        );
        assert_eq!(
            errs,
            [
                "t.csv:4: field \"sku\": \"K1\" is a duplicate: order \"o1\" already has a line for this sku on line 2"
            ]
        );
        let (_, errs) = check(
            Kind::Customers,
            &[
                vec!["c1", "Ana", "", "", "Europe/Berlin", "", "", ""],
                vec!["c1", "Ana", "", "", "Europe/Berlin", "", "", ""],
            ],
        );
        assert_eq!(
            errs,
            ["t.csv:3: field \"id\": \"c1\" is a duplicate: customer id already on line 2"]
        );
    }

    #[test]
    fn customers_default_and_validate_their_optional_fields() {
        let (c, errs) = check(
            Kind::Customers,
            &[vec!["c1", "Ana", "", "", "Europe/Berlin", "", "", ""]],
        );
        assert!(errs.is_empty());
        assert_eq!(c.customer.tier, Tier::Standard);
        assert_eq!(c.customer.preferred_channel, None);
        assert!(!c.customer.do_not_contact);
        assert_eq!(c.customer.email, None);
        let (c, _) = check(
            Kind::Customers,
            &[vec![
                "c1",
                "Ana",
                "ana@example.com",
                "+49 30 123456",
                "Asia/Tokyo",
                "SMS",
                "gold",
                "true",
            ]],
        );
        assert_eq!(c.customer.preferred_channel, Some(Channel::Sms));
        assert_eq!(c.customer.tier, Tier::Gold);
        assert!(c.customer.do_not_contact);
        assert_eq!(c.customer.email.as_deref(), Some("ana@example.com"));
        let (_, errs) = check(
            Kind::Customers,
            &[vec![
                "c1",
                "",
                "ana",
                "call me",
                "Mars/Olympus",
                "voicemail",
                "bronze",
                "maybe",
            ]],
        );
        assert_eq!(
            errs,
            [
                "t.csv:2: field \"name\" is empty: expected the customer's name",
                "t.csv:2: field \"email\": \"ana\" is not an email address like ana@example.com",
                "t.csv:2: field \"phone\": \"call me\" is not a phone number like +49 30 1234567",
                "t.csv:2: field \"timezone\": \"Mars/Olympus\" is not an IANA time zone like Europe/Berlin",
                "t.csv:2: field \"preferred_channel\": \"voicemail\" is not one of phone, email, sms, or empty",
                "t.csv:2: field \"tier\": \"bronze\" is not one of standard, silver, gold, platinum, or empty",
                "t.csv:2: field \"do_not_contact\": \"maybe\" is not true, false, or empty",
            ]
        );
    }

    #[test]
    fn products_parse_price_stock_features_and_status() {
        let (c, errs) = check(
            Kind::Products,
            &[vec![
                "K1",
                "Kettle",
                "kettles",
                "49.90",
                "0",
                "steel; 1.7 l",
                "",
            ]],
        );
        assert!(errs.is_empty());
        assert_eq!(c.product.price, Money::from_minor(4_990));
        assert_eq!(c.product.features, ["steel", "1.7 l"]);
        assert_eq!(c.product.status, ProductStatus::Active);
        let (_, errs) = check(
            Kind::Products,
            &[vec!["K1", "Kettle", "", "-1", "many", "", "gone"]],
        );
        assert_eq!(
            errs,
            [
                "t.csv:2: field \"category\" is empty: expected a category",
                "t.csv:2: field \"price\": \"-1\" is not a price of 0 or more like 12.50",
                "t.csv:2: field \"stock\": \"many\" is not a whole number of units in stock",
                "t.csv:2: field \"status\": \"gone\" is not one of active, discontinued, or empty",
            ]
        );
    }

    #[test]
    fn shipments_need_a_known_order_a_carrier_and_an_eta() {
        let (c, errs) = check(
            Kind::Shipments,
            &[vec!["o1", "DHL", "2026-12-07T12:00:00Z", ""]],
        );
        assert!(errs.is_empty());
        assert_eq!(c.shipment.reason, "");
        let (_, errs) = check(Kind::Shipments, &[vec!["o7", "", "next week", "storm"]]);
        assert_eq!(
            errs,
            [
                "t.csv:2: field \"order_id\": \"o7\" is not a known order id (import orders first)",
                "t.csv:2: field \"carrier\" is empty: expected a carrier name",
                "t.csv:2: field \"eta\": \"next week\" is not an RFC 3339 timestamp like 2026-12-05T14:00:00Z, or a date like 2026-12-05",
            ]
        );
    }

    #[test]
    fn key_hashes_separate_their_parts() {
        let mut seen = SeenKeys::default();
        assert_eq!(seen.first_seen(["ab", "c"], 2), None);
        assert_eq!(seen.first_seen(["a", "bc"], 3), None);
        assert_eq!(seen.first_seen(["ab", "c"], 4), Some(2));
    }
}
