//! Orders (one row per order line) and the carrier ETA feed.

use crate::Money;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

crate::text_enum! {
    /// Where an order line stands.
    pub enum LineStatus ("one of open, shipped, delivered, cancelled") {
        /// Not yet shipped: a promise still to keep.
        Open = "open",
        /// Handed to a carrier.
        Shipped = "shipped",
        /// Received by the customer.
        Delivered = "delivered",
        /// Cancelled.
        Cancelled = "cancelled",
    }
}

/// One line of an order: a quantity of one product for one customer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderLine {
    /// The order this line belongs to.
    pub order_id: String,
    /// Who ordered.
    pub customer_id: String,
    /// What was ordered.
    pub sku: String,
    /// How many units (positive).
    pub quantity: i64,
    /// Price per unit at the time of the order.
    pub unit_price: Money,
    /// When the order was placed.
    pub placed_at: Timestamp,
    /// When delivery was promised.
    pub promised_at: Timestamp,
    /// Whether the customer already paid (prepaid customers are hurt more, P10).
    pub paid: bool,
    /// Where the line stands.
    pub status: LineStatus,
}

impl OrderLine {
    /// The value of the line: quantity times unit price.
    pub fn value(&self) -> Money {
        self.unit_price.times(self.quantity)
    }
}

/// A carrier's estimate of when an order arrives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shipment {
    /// The order shipped.
    pub order_id: String,
    /// Carrier name, e.g. `DHL`.
    pub carrier: String,
    /// Estimated time of arrival.
    pub eta: Timestamp,
    /// The carrier's stated reason for the current ETA.
    pub reason: String,
}
