//! What each kind of file holds: its columns, which of them may be left out,
//! and how its header maps onto them.

use std::fmt;
use std::str::FromStr;

/// The kind of data a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// `id,name,email,phone,timezone,preferred_channel,tier,do_not_contact`
    Customers,
    /// `sku,name,category,price,stock,features,status`
    Products,
    /// One row per order line:
    /// `order_id,customer_id,sku,quantity,unit_price,placed_at,promised_at,paid,status`
    Orders,
    /// The carrier ETA feed: `order_id,carrier,eta,reason`
    Shipments,
}

/// One column of a kind's file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    /// Its name in the header (CSV) or the key (JSON Lines).
    pub name: &'static str,
    /// Whether the header must have it. Optional columns may be left out of
    /// the header entirely, and then read as empty.
    pub required: bool,
}

const fn req(name: &'static str) -> Column {
    Column {
        name,
        required: true,
    }
}

const fn opt(name: &'static str) -> Column {
    Column {
        name,
        required: false,
    }
}

const CUSTOMERS: &[Column] = &[
    req("id"),
    req("name"),
    opt("email"),
    opt("phone"),
    req("timezone"),
    opt("preferred_channel"),
    opt("tier"),
    opt("do_not_contact"),
];

const PRODUCTS: &[Column] = &[
    req("sku"),
    req("name"),
    req("category"),
    req("price"),
    req("stock"),
    opt("features"),
    opt("status"),
];

const ORDERS: &[Column] = &[
    req("order_id"),
    req("customer_id"),
    req("sku"),
    req("quantity"),
    req("unit_price"),
    req("placed_at"),
    req("promised_at"),
    req("paid"),
    req("status"),
];

const SHIPMENTS: &[Column] = &[req("order_id"), req("carrier"), req("eta"), opt("reason")];

impl Kind {
    /// Every kind, in the order a shop is usually imported.
    pub const ALL: [Kind; 4] = [
        Kind::Customers,
        Kind::Products,
        Kind::Orders,
        Kind::Shipments,
    ];

    /// The stable lower-case name, as the CLI spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Customers => "customers",
            Kind::Products => "products",
            Kind::Orders => "orders",
            Kind::Shipments => "shipments",
        }
    }

    /// The columns of this kind's files, in their documented order.
    pub fn columns(self) -> &'static [Column] {
        match self {
            Kind::Customers => CUSTOMERS,
            Kind::Products => PRODUCTS,
            Kind::Orders => ORDERS,
            Kind::Shipments => SHIPMENTS,
        }
    }

    /// The column's position in [`Kind::columns`], matching names without
    /// regard to case or surrounding spaces.
    pub fn column_index(self, name: &str) -> Option<usize> {
        let name = name.trim().trim_start_matches('\u{feff}');
        self.columns()
            .iter()
            .position(|c| c.name.eq_ignore_ascii_case(name))
    }

    /// The documented header, comma-separated.
    pub fn header(self) -> String {
        self.columns()
            .iter()
            .map(|c| c.name)
            .collect::<Vec<_>>()
            .join(",")
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Kind {
    type Err = String;
    fn from_str(s: &str) -> Result<Kind, String> {
        Kind::ALL
            .into_iter()
            .find(|k| k.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| format!("{s:?} is not one of customers, products, orders, shipments"))
    }
}

/// How a file is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// Comma-separated values with a header row.
    Csv,
    /// One JSON object per line, keys named like the CSV columns.
    Jsonl,
}

impl Format {
    /// The format a file name's extension implies: `.csv`, or `.jsonl`/`.ndjson`.
    pub fn from_path(path: &std::path::Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "csv" => Some(Format::Csv),
            "jsonl" | "ndjson" => Some(Format::Jsonl),
            _ => None,
        }
    }

    /// The stable lower-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Jsonl => "jsonl",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Format, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "csv" => Ok(Format::Csv),
            "jsonl" | "ndjson" => Ok(Format::Jsonl),
            _ => Err(format!("{s:?} is not one of csv, jsonl")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn kinds_and_formats_parse_from_their_names() {
        assert_eq!("Orders".parse::<Kind>(), Ok(Kind::Orders));
        assert!("invoices".parse::<Kind>().unwrap_err().contains("one of"));
        assert_eq!("ndjson".parse::<Format>(), Ok(Format::Jsonl));
        assert_eq!(Format::from_path(Path::new("a/b.CSV")), Some(Format::Csv));
        assert_eq!(
            Format::from_path(Path::new("b.ndjson")),
            Some(Format::Jsonl)
        );
        assert_eq!(Format::from_path(Path::new("b.txt")), None);
    }

    #[test]
    fn headers_match_loosely_but_only_known_columns() {
        assert_eq!(Kind::Orders.column_index(" Placed_At "), Some(5));
        assert_eq!(Kind::Customers.column_index("\u{feff}id"), Some(0));
        assert_eq!(Kind::Customers.column_index("do_not_contct"), None);
        assert_eq!(
            Kind::Shipments.header(),
            "order_id,carrier,eta,reason",
            "the documented order"
        );
    }
}
