//! Calendar dates as articles carry them (front matter `reviewed` or `date`, a page's
//! metadata), and how old they are.
//!
//! Health advice goes out of date, so the header card shows an article's date and marks one
//! older than [`STALE_AFTER_YEARS`]. Age is judged against a day handed in (the day the
//! article was loaded, [`super::Meta::loaded_on`]), never the clock, so layout stays a pure
//! function and tests do not depend on when they run.

use std::fmt;

/// An article dated more than this many years before the day it is read is marked as
/// possibly out of date.
pub const STALE_AFTER_YEARS: u16 = 5;

/// A calendar date, possibly only a year or a year and month (`0` for a part not given).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Date {
    /// The year (1000..=9999).
    pub year: u16,
    /// The month 1..=12, or 0 when only the year is known.
    pub month: u8,
    /// The day 1..=31, or 0 when not known.
    pub day: u8,
}

/// What an article's date says about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DateKind {
    /// When a reviewer last checked it (front matter `reviewed`, schema.org `lastReviewed`).
    Reviewed,
    /// When it was last changed (a page's modified time).
    Updated,
    /// When it was first published (a page's published time).
    Published,
    /// A date without saying which (front matter `date`).
    Dated,
}

/// An article's date and what kind of date it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Dated {
    /// The date.
    pub date: Date,
    /// What it dates.
    pub kind: DateKind,
}

impl Date {
    /// Reads the date at the start of `text`: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, optionally
    /// followed by a time (`2019-03-04T10:00:00Z`, `2019-04-28 06:01:07`). `None` for anything
    /// else, or an impossible month or day.
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        let bytes = text.as_bytes();
        let year = digits(bytes, 0, 4)?;
        let mut date = Self { year: u16::try_from(year).ok()?, month: 0, day: 0 };
        if date.year < 1000 {
            return None;
        }
        let mut at = 4;
        if bytes.get(at).is_some_and(|&b| b == b'-' || b == b'/') {
            date.month = u8::try_from(digits(bytes, at + 1, 2)?).ok()?;
            at += 3;
            if bytes.get(at).is_some_and(|&b| b == b'-' || b == b'/') {
                date.day = u8::try_from(digits(bytes, at + 1, 2)?).ok()?;
                at += 3;
            }
        }
        // What follows must not continue the number (`20190` is not a year).
        if bytes.get(at).is_some_and(u8::is_ascii_digit) {
            return None;
        }
        let month_ok = date.month <= 12 && (date.month > 0 || date.day == 0);
        let day_ok = date.day == 0 || date.day <= days_in_month(date.year, date.month);
        (month_ok && day_ok).then_some(date)
    }

    /// The date (UTC) of a time given in seconds since 1970-01-01.
    pub fn from_unix(seconds: i64) -> Self {
        // Howard Hinnant's days-to-civil algorithm, on days since the epoch.
        let days = seconds.div_euclid(86_400) + 719_468;
        let era = days.div_euclid(146_097);
        let of_era = days.rem_euclid(146_097);
        let year_of_era = (of_era - of_era / 1460 + of_era / 36_524 - of_era / 146_096) / 365;
        let of_year = of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let shifted_month = (5 * of_year + 2) / 153;
        let day = of_year - (153 * shifted_month + 2) / 5 + 1;
        let month = if shifted_month < 10 { shifted_month + 3 } else { shifted_month - 9 };
        let year = year_of_era + era * 400 + i64::from(month <= 2);
        Self {
            year: u16::try_from(year.clamp(0, 9999)).unwrap_or(0),
            month: u8::try_from(month).unwrap_or(1),
            day: u8::try_from(day).unwrap_or(1),
        }
    }

    /// Today's date (UTC) by the system clock; for load time only, never inside layout.
    pub fn today() -> Self {
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH);
        Self::from_unix(now.map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX)))
    }

    /// True when this date is more than `years` whole years before `today`. A date given
    /// only as a year (or year and month) counts from the end of that year (or month), so it
    /// is never called old too early.
    pub fn is_older_than(self, years: u16, today: Self) -> bool {
        let month = if self.month == 0 { 12 } else { self.month };
        let day = if self.day == 0 { 31 } else { self.day };
        (self.year.saturating_add(years), month, day) < (today.year, today.month, today.day)
    }
}

impl fmt::Display for Date {
    /// ISO 8601 with only the parts known: `2019-03-04`, `2019-03`, `2019`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if self.month > 0 {
            write!(f, "-{:02}", self.month)?;
            if self.day > 0 {
                write!(f, "-{:02}", self.day)?;
            }
        }
        Ok(())
    }
}

impl DateKind {
    /// The word the header card puts before the date.
    pub fn label(self) -> &'static str {
        match self {
            Self::Reviewed => "Reviewed",
            Self::Updated => "Updated",
            Self::Published => "Published",
            Self::Dated => "Dated",
        }
    }
}

/// The number written with exactly `n` ASCII digits at `at`, if there is one.
fn digits(bytes: &[u8], at: usize, n: usize) -> Option<u32> {
    let part = bytes.get(at..at + n)?;
    part.iter().try_fold(0u32, |acc, &b| b.is_ascii_digit().then(|| acc * 10 + u32::from(b - b'0')))
}

/// Days in `month` of `year` (31 for an unknown month).
fn days_in_month(year: u16, month: u8) -> u8 {
    let leap = year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Date {
        Date::parse(text).unwrap_or_else(|| panic!("{text:?} should parse"))
    }

    #[test]
    fn dates_read_as_pages_and_front_matter_write_them() {
        assert_eq!(date("2019-03-04").to_string(), "2019-03-04");
        assert_eq!(date("2016-12-22T10:43:37-08:00").to_string(), "2016-12-22");
        assert_eq!(date("2019-04-28 06:01:07").to_string(), "2019-04-28");
        assert_eq!(date(" 2020/09/21 ").to_string(), "2020-09-21");
        assert_eq!(date("2019-03").to_string(), "2019-03");
        assert_eq!(date("2019").to_string(), "2019");
        for bad in ["", "yesterday", "19-03-04", "2019-13-01", "2019-02-30", "20190", "0999"] {
            assert_eq!(Date::parse(bad), None, "{bad:?}");
        }
        assert_eq!(date("2024-02-29").day, 29);
        assert_eq!(Date::parse("2023-02-29"), None);
    }

    #[test]
    fn unix_time_becomes_the_calendar_day() {
        assert_eq!(Date::from_unix(0).to_string(), "1970-01-01");
        assert_eq!(Date::from_unix(951_782_400).to_string(), "2000-02-29");
        assert_eq!(Date::from_unix(1_700_000_000).to_string(), "2023-11-14");
        assert_eq!(Date::from_unix(-86_400).to_string(), "1969-12-31");
    }

    #[test]
    fn older_than_five_years_is_counted_to_the_day() {
        let today = date("2025-06-15");
        assert!(!date("2020-06-15").is_older_than(5, today), "exactly five years is not older");
        assert!(date("2020-06-14").is_older_than(5, today));
        assert!(!date("2020").is_older_than(5, today), "2020 may mean December");
        assert!(date("2019").is_older_than(5, today));
        assert!(!date("2020-06").is_older_than(5, today));
        assert!(date("2020-05").is_older_than(5, today));
    }
}
