//! The catalogue: what can be sold, and what can stand in for it (P8).

use crate::Money;
use serde::{Deserialize, Serialize};

crate::text_enum! {
    /// Whether a product is still sold.
    pub enum ProductStatus ("one of active, discontinued") {
        /// On sale.
        Active = "active",
        /// No longer made or sold.
        Discontinued = "discontinued",
    }
}

/// One catalogue entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Product {
    /// Stock-keeping unit, the product's key.
    pub sku: String,
    /// Name a customer recognises.
    pub name: String,
    /// Category, used to find substitutes.
    pub category: String,
    /// Current unit price.
    pub price: Money,
    /// Units in stock.
    pub stock: i64,
    /// Features, used to rank substitutes by overlap.
    pub features: Vec<String>,
    /// Whether it is still sold.
    pub status: ProductStatus,
}
