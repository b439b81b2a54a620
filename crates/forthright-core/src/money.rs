//! Exact money: integer minor units (cents), never floating point.

use std::fmt;
use std::ops::{Add, AddAssign, Sub};

/// An amount of money in minor units of the shop's currency (e.g. cents).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Money(i64);

impl Money {
    /// Nothing.
    pub const ZERO: Money = Money(0);

    /// An amount from minor units.
    pub const fn from_minor(minor: i64) -> Self {
        Money(minor)
    }

    /// The amount in minor units.
    pub const fn minor(self) -> i64 {
        self.0
    }

    /// The amount times a quantity, saturating instead of overflowing.
    pub fn times(self, quantity: i64) -> Money {
        Money(self.0.saturating_mul(quantity))
    }

    /// Parses a decimal amount with at most two decimals: `12`, `12.5`, `-3.99`.
    pub fn parse(text: &str) -> Result<Money, crate::ParseError> {
        const EXPECTED: &str = "a decimal amount with at most two decimals, like 12.50";
        let err = || crate::ParseError::new(text, EXPECTED);
        let s = text.trim();
        let (negative, digits) = match s.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, s),
        };
        let (whole, frac) = digits.split_once('.').unwrap_or((digits, ""));
        let all_digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
        if whole.is_empty() || !all_digits(whole) || frac.len() > 2 || !all_digits(frac) {
            return Err(err());
        }
        if digits.contains('.') && frac.is_empty() {
            return Err(err());
        }
        let whole: i64 = whole.parse().map_err(|_| err())?;
        let cents: i64 = match frac.len() {
            0 => 0,
            1 => frac.parse::<i64>().map_err(|_| err())? * 10,
            _ => frac.parse().map_err(|_| err())?,
        };
        let minor = whole
            .checked_mul(100)
            .and_then(|w| w.checked_add(cents))
            .ok_or_else(err)?;
        Ok(Money(if negative { -minor } else { minor }))
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        f.pad(&format!("{sign}{}.{:02}", abs / 100, abs % 100))
    }
}

impl Add for Money {
    type Output = Money;
    fn add(self, rhs: Money) -> Money {
        Money(self.0.saturating_add(rhs.0))
    }
}

impl AddAssign for Money {
    fn add_assign(&mut self, rhs: Money) {
        *self = *self + rhs;
    }
}

impl Sub for Money {
    type Output = Money;
    fn sub(self, rhs: Money) -> Money {
        Money(self.0.saturating_sub(rhs.0))
    }
}

impl std::iter::Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        iter.fold(Money::ZERO, Add::add)
    }
}

impl serde::Serialize for Money {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Money {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Money, D::Error> {
        let text = String::deserialize(d)?;
        Money::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_exactly() {
        for (text, minor, shown) in [
            ("12", 1200, "12.00"),
            ("12.5", 1250, "12.50"),
            ("0.07", 7, "0.07"),
            ("-3.99", -399, "-3.99"),
            (" 1999.99 ", 199_999, "1999.99"),
        ] {
            let m = Money::parse(text).unwrap();
            assert_eq!(m.minor(), minor, "{text}");
            assert_eq!(m.to_string(), shown);
        }
    }

    #[test]
    fn rejects_what_is_not_an_amount() {
        for bad in [
            "",
            "abc",
            "1.234",
            "1.",
            ".5",
            "1,50",
            "--1",
            "1e3",
            "99999999999999999999",
        ] {
            assert!(Money::parse(bad).is_err(), "{bad:?} should be rejected");
        }
    }

    #[test]
    fn arithmetic_saturates() {
        assert_eq!(Money::from_minor(250).times(3), Money::from_minor(750));
        assert_eq!(Money::from_minor(i64::MAX).times(2).minor(), i64::MAX);
        let total: Money = [1, 2, 3].map(Money::from_minor).into_iter().sum();
        assert_eq!(total, Money::from_minor(6));
        assert_eq!(
            format!("{:>8}", Money::from_minor(150)),
            "    1.50",
            "tables align"
        );
    }
}
