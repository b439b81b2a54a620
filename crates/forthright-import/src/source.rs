//! Reading records from CSV or JSON Lines, one at a time, into the columns of
//! a [`Kind`]. Nothing is kept between records but reused buffers, so memory
//! does not grow with the file.

use crate::error::Errors;
use crate::schema::{Format, Kind};
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::fmt::{self, Write as _};
use std::io::{self, BufRead, BufReader, Read};
use std::rc::Rc;

/// One record's values, by column of the kind (see [`Kind::columns`]);
/// absent optional columns read as empty. Values are trimmed.
pub(crate) trait Fields {
    /// The value of column `col`.
    fn get(&self, col: usize) -> &str;
}

struct CsvFields<'a> {
    record: &'a csv::StringRecord,
    /// For each column of the kind, its position in the file's header.
    map: &'a [Option<usize>],
}

impl Fields for CsvFields<'_> {
    fn get(&self, col: usize) -> &str {
        self.map[col]
            .and_then(|i| self.record.get(i))
            .unwrap_or("")
            .trim()
    }
}

struct JsonFields<'a> {
    values: &'a [String],
}

impl Fields for JsonFields<'_> {
    fn get(&self, col: usize) -> &str {
        self.values[col].trim()
    }
}

/// Why reading had to stop before the end of the file.
pub(crate) enum Stop<E> {
    /// The file could not be read.
    Io(io::Error),
    /// The record callback failed (the store).
    Callback(E),
}

/// Counts the bytes read through it, for the progress bar.
pub(crate) struct Counting<R> {
    inner: R,
    read: Rc<Cell<u64>>,
}

impl<R> Counting<R> {
    pub(crate) fn new(inner: R) -> (Counting<R>, Rc<Cell<u64>>) {
        let read = Rc::new(Cell::new(0));
        (
            Counting {
                inner,
                read: Rc::clone(&read),
            },
            read,
        )
    }
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read.set(self.read.get() + n as u64);
        Ok(n)
    }
}

/// Line numbers for CSV records.
///
/// The csv crate's own line numbers go wrong after blank lines and with CRLF
/// line ends, and its byte positions point at the start of the blank lines
/// before a record. So the bytes are watched as they are read: every newline's
/// offset, and whether it ended a blank line, waits in a queue until the
/// records before it have been numbered. The queue holds at most what the
/// reader has read ahead, so memory stays flat.
struct Newlines {
    queue: VecDeque<(u64, bool)>,
    /// Bytes seen so far.
    offset: u64,
    /// Whether the current line is blank so far.
    blank: bool,
    /// Newlines before the last record numbered.
    passed: u64,
}

impl Newlines {
    fn new() -> Newlines {
        Newlines {
            queue: VecDeque::new(),
            offset: 0,
            blank: true,
            passed: 0,
        }
    }

    fn feed(&mut self, chunk: &[u8]) {
        let mut start = 0;
        for i in memchr::memchr_iter(b'\n', chunk) {
            let blank = self.blank && chunk[start..i].iter().all(|&b| b == b'\r');
            self.queue.push_back((self.offset + i as u64, blank));
            self.blank = true;
            start = i + 1;
        }
        self.blank = self.blank && chunk[start..].iter().all(|&b| b == b'\r');
        self.offset += chunk.len() as u64;
    }

    /// The line a record starts on, given the byte position the csv crate
    /// reports for it. Records must be asked for in file order.
    fn line_of(&mut self, byte: u64) -> u64 {
        // Newlines at or before the reported position end earlier lines (a
        // record never starts with its own terminator) ...
        while self.queue.front().is_some_and(|&(at, _)| at <= byte) {
            self.queue.pop_front();
            self.passed += 1;
        }
        // ... and so do blank lines the reader skipped to reach the record.
        while self.queue.front().is_some_and(|&(_, blank)| blank) {
            self.queue.pop_front();
            self.passed += 1;
        }
        self.passed + 1
    }
}

struct LineTracking<R> {
    inner: R,
    lines: Rc<RefCell<Newlines>>,
}

impl<R: Read> Read for LineTracking<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.lines.borrow_mut().feed(&buf[..n]);
        Ok(n)
    }
}

/// The callback each well-formed record goes to: its line number, its values,
/// and the error list to add to.
pub(crate) type OnRecord<'a, E> = dyn FnMut(u64, &dyn Fields, &mut Errors) -> Result<(), E> + 'a;

/// Reads every record of `input`, passing each well-formed one to `on_record`
/// and reporting malformed ones (and header problems) into `errors`.
pub(crate) fn read<R: Read, E>(
    format: Format,
    kind: Kind,
    input: R,
    errors: &mut Errors,
    on_record: &mut OnRecord<'_, E>,
) -> Result<(), Stop<E>> {
    match format {
        Format::Csv => read_csv(kind, input, errors, on_record),
        Format::Jsonl => read_jsonl(kind, input, errors, on_record),
    }
}

const BUFFER: usize = 256 * 1024;

fn read_csv<R: Read, E>(
    kind: Kind,
    input: R,
    errors: &mut Errors,
    on_record: &mut OnRecord<'_, E>,
) -> Result<(), Stop<E>> {
    let lines = Rc::new(RefCell::new(Newlines::new()));
    let input = LineTracking {
        inner: input,
        lines: Rc::clone(&lines),
    };
    let line_of =
        |pos: Option<&csv::Position>| lines.borrow_mut().line_of(pos.map_or(0, |p| p.byte()));
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .buffer_capacity(BUFFER)
        .from_reader(input);
    let header = match reader.headers() {
        Ok(h) => h.clone(),
        Err(e) => {
            let line = line_of(e.position());
            return csv_error(e, line, errors);
        }
    };
    if header.is_empty() || (header.len() == 1 && header[0].trim().is_empty()) {
        errors.push(1, None, None, || {
            format!(
                "the file is empty: expected a header row like {}",
                kind.header()
            )
        });
        return Ok(());
    }
    let Some(map) = map_header(kind, header.iter(), errors) else {
        return Ok(());
    };
    let width = header.len();
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => return Ok(()),
            Ok(true) => {
                let line = line_of(record.position());
                if record.len() != width {
                    let found = record.len();
                    errors.push(line, None, None, || {
                        format!("has {found} fields, but the header has {width}")
                    });
                    continue;
                }
                let fields = CsvFields {
                    record: &record,
                    map: &map,
                };
                on_record(line, &fields, errors).map_err(Stop::Callback)?;
            }
            Err(e) => {
                let line = line_of(e.position());
                csv_error(e, line, errors)?;
            }
        }
    }
}

/// A CSV error: reading failures stop, malformed records are reported.
fn csv_error<E>(e: csv::Error, line: u64, errors: &mut Errors) -> Result<(), Stop<E>> {
    let message = e.to_string();
    match e.into_kind() {
        csv::ErrorKind::Io(io) => Err(Stop::Io(io)),
        csv::ErrorKind::Utf8 { err, .. } => {
            let field = err.field();
            errors.push(line, None, None, || {
                format!("field {} is not valid UTF-8", field + 1)
            });
            Ok(())
        }
        _ => {
            errors.push(line, None, None, || {
                format!("is not a well-formed CSV record: {message}")
            });
            Ok(())
        }
    }
}

/// Maps the file's column names onto the kind's columns, reporting unknown,
/// repeated and missing ones on line 1. `None` when the header is unusable.
fn map_header<'h>(
    kind: Kind,
    names: impl Iterator<Item = &'h str>,
    errors: &mut Errors,
) -> Option<Vec<Option<usize>>> {
    let columns = kind.columns();
    let mut map = vec![None; columns.len()];
    let before = errors.total();
    for (i, name) in names.enumerate() {
        match kind.column_index(name) {
            Some(c) if map[c].is_some() => errors.push(1, None, None, || {
                format!("column {:?} appears twice in the header", name.trim())
            }),
            Some(c) => map[c] = Some(i),
            None => errors.push(1, None, None, || {
                format!(
                    "column {:?} is not a column of {kind}: expected {}",
                    name.trim(),
                    kind.header()
                )
            }),
        }
    }
    for (c, column) in columns.iter().enumerate() {
        if column.required && map[c].is_none() {
            errors.push(1, None, None, || {
                format!(
                    "column {:?} is missing: expected a header like {}",
                    column.name,
                    kind.header()
                )
            });
        }
    }
    (errors.total() == before).then_some(map)
}

fn read_jsonl<R: Read, E>(
    kind: Kind,
    input: R,
    errors: &mut Errors,
    on_record: &mut OnRecord<'_, E>,
) -> Result<(), Stop<E>> {
    let mut reader = BufReader::with_capacity(BUFFER, input);
    let columns = kind.columns();
    let mut values = vec![String::new(); columns.len()];
    let mut present = vec![false; columns.len()];
    let mut problems: Vec<(String, String)> = Vec::new();
    let mut buf = Vec::new();
    let mut line = 0u64;
    loop {
        buf.clear();
        if reader.read_until(b'\n', &mut buf).map_err(Stop::Io)? == 0 {
            return Ok(());
        }
        line += 1;
        let text = buf.trim_ascii();
        if text.is_empty() {
            continue;
        }
        values.iter_mut().for_each(String::clear);
        present.iter_mut().for_each(|p| *p = false);
        problems.clear();
        let mut de = serde_json::Deserializer::from_slice(text);
        let parsed = RowSeed {
            kind,
            values: &mut values,
            present: &mut present,
            problems: &mut problems,
        }
        .deserialize(&mut de)
        .and_then(|()| de.end());
        if let Err(e) = parsed {
            errors.push(line, None, None, || {
                format!("is not a JSON object with the fields of one row: {e}")
            });
            continue;
        }
        for (field, problem) in problems.drain(..) {
            errors.push(line, Some(&field), None, || problem);
        }
        for (c, column) in columns.iter().enumerate() {
            if column.required && !present[c] {
                errors.push(line, Some(column.name), None, || "is missing".to_owned());
            }
        }
        on_record(line, &JsonFields { values: &values }, errors).map_err(Stop::Callback)?;
    }
}

/// Deserialises one JSON object into the kind's columns without allocating
/// per key: strings are copied into reused buffers, numbers and booleans are
/// kept as their text, `null` is empty, and an array of strings (features)
/// is joined with `;`.
struct RowSeed<'a> {
    kind: Kind,
    values: &'a mut [String],
    present: &'a mut [bool],
    problems: &'a mut Vec<(String, String)>,
}

impl<'de> DeserializeSeed<'de> for RowSeed<'_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for RowSeed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key_seed(KeySeed(self.kind))? {
            match key {
                Ok(col) => {
                    if self.present[col] {
                        self.problems.push((
                            self.kind.columns()[col].name.to_owned(),
                            "appears twice in the object".to_owned(),
                        ));
                    }
                    self.values[col].clear();
                    map.next_value_seed(ValueSeed(&mut self.values[col]))?;
                    self.present[col] = true;
                }
                Err(name) => {
                    map.next_value::<IgnoredAny>()?;
                    let problem = format!(
                        "is not a field of {}: expected {}",
                        self.kind,
                        self.kind.header()
                    );
                    self.problems.push((name, problem));
                }
            }
        }
        Ok(())
    }
}

/// A key: the column's index, or the unknown name.
struct KeySeed(Kind);

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Result<usize, String>;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_str(self)
    }
}

impl Visitor<'_> for KeySeed {
    type Value = Result<usize, String>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(self.0.column_index(v).ok_or_else(|| v.to_owned()))
    }
}

/// A value, written as text into a reused buffer.
struct ValueSeed<'a>(&'a mut String);

impl<'de> DeserializeSeed<'de> for ValueSeed<'_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ValueSeed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string, number, boolean, null or a list of strings")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<(), E> {
        self.0.push_str(v);
        Ok(())
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<(), E> {
        self.0.push_str(if v { "true" } else { "false" });
        Ok(())
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<(), E> {
        let _ = write!(self.0, "{v}");
        Ok(())
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<(), E> {
        let _ = write!(self.0, "{v}");
        Ok(())
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<(), E> {
        // The shortest text that reads back as the same number: a price
        // written as 12.5 arrives as "12.5" and is then parsed exactly.
        let _ = write!(self.0, "{v}");
        Ok(())
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut first = true;
        while let Some(item) = seq.next_element::<std::borrow::Cow<'_, str>>()? {
            if !first {
                self.0.push(';');
            }
            first = false;
            self.0.push_str(&item);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads a whole input and returns each record's values plus the error lines.
    fn records(format: Format, kind: Kind, text: &str) -> (Vec<(u64, Vec<String>)>, Vec<String>) {
        let mut errors = Errors::new("f", 100);
        let mut out = Vec::new();
        let width = kind.columns().len();
        let result: Result<(), Stop<()>> = read(
            format,
            kind,
            text.as_bytes(),
            &mut errors,
            &mut |line, f: &dyn Fields, _: &mut Errors| {
                out.push((line, (0..width).map(|c| f.get(c).to_owned()).collect()));
                Ok(())
            },
        );
        assert!(result.is_ok());
        let errs = errors
            .into_parts()
            .0
            .iter()
            .map(|e| e.to_string())
            .collect();
        (out, errs)
    }

    #[test]
    fn csv_columns_may_come_in_any_order_and_optional_ones_may_be_absent() {
        let (rows, errs) = records(
            Format::Csv,
            Kind::Shipments,
            "eta,order_id,carrier\n2026-12-05, o1 ,DHL\n\n2026-12-06,o2,UPS\n",
        );
        assert!(errs.is_empty(), "{errs:?}");
        assert_eq!(
            rows[0],
            (
                2,
                vec!["o1".into(), "DHL".into(), "2026-12-05".into(), "".into()]
            )
        );
        assert_eq!(rows[1].0, 4, "line numbers count blank lines");
    }

    #[test]
    fn csv_line_numbers_survive_blank_lines_and_crlf() {
        let lines = |text: &str| -> Vec<u64> {
            records(Format::Csv, Kind::Shipments, text)
                .0
                .iter()
                .map(|r| r.0)
                .collect()
        };
        let h = "order_id,carrier,eta,reason";
        assert_eq!(
            lines(&format!("{h}\na,b,c,d\n\nc,d,e,f\ne,f,g,h\n")),
            [2, 4, 5]
        );
        assert_eq!(lines(&format!("{h}\r\na,b,c,d\r\n\r\nc,d,e,f\r\n")), [2, 4]);
        assert_eq!(lines(&format!("\n\n{h}\na,b,c,d\n\n\n\nc,d,e,f")), [4, 8]);
        assert_eq!(
            lines(&format!("{h}\n\"x\ny\",b,c,d\n\na,b,c,d\n")),
            [2, 5],
            "a quoted newline belongs to its record"
        );
        let (_, errs) = records(
            Format::Csv,
            Kind::Shipments,
            &format!("{h}\r\n\r\no1,DHL\r\n"),
        );
        assert_eq!(errs, ["f:3: has 2 fields, but the header has 4"]);
    }

    #[test]
    fn csv_quoted_fields_keep_commas_and_newlines() {
        let (rows, _) = records(
            Format::Csv,
            Kind::Shipments,
            "order_id,carrier,eta,reason\no1,DHL,2026-12-05,\"storm, then\nflood\"\no2,UPS,2026-12-05,x\n",
        );
        assert_eq!(rows[0].1[3], "storm, then\nflood");
        assert_eq!(rows[1].0, 4);
    }

    #[test]
    fn csv_header_problems_are_reported_on_line_1() {
        let (rows, errs) = records(
            Format::Csv,
            Kind::Customers,
            "id,name,timezone,do_not_contct,name\nc1,Ana,Europe/Berlin,true,Ana\n",
        );
        assert!(rows.is_empty(), "no record is read under a broken header");
        assert_eq!(errs.len(), 2, "{errs:?}");
        assert!(errs[0].starts_with("f:1: column \"do_not_contct\" is not a column of customers"));
        assert!(errs[1].contains("\"name\" appears twice"));
        let (_, errs) = records(Format::Csv, Kind::Orders, "order_id,sku\n");
        assert!(
            errs.iter()
                .any(|e| e.contains("column \"placed_at\" is missing")),
            "{errs:?}"
        );
        let (_, errs) = records(Format::Csv, Kind::Orders, "");
        assert!(errs[0].contains("the file is empty"), "{errs:?}");
    }

    #[test]
    fn csv_records_of_the_wrong_width_are_errors() {
        let (rows, errs) = records(
            Format::Csv,
            Kind::Shipments,
            "order_id,carrier,eta,reason\no1,DHL\no2,UPS,2026-12-05,x\n",
        );
        assert_eq!(rows.len(), 1);
        assert_eq!(errs, ["f:2: has 2 fields, but the header has 4"]);
    }

    #[test]
    fn csv_invalid_utf8_is_reported_and_reading_goes_on() {
        let mut errors = Errors::new("f", 10);
        let mut seen = 0;
        let input: &[u8] =
            b"order_id,carrier,eta,reason\no1,D\xffHL,2026-12-05,x\no2,UPS,2026-12-05,x\n";
        let _: Result<(), Stop<()>> = read(
            Format::Csv,
            Kind::Shipments,
            input,
            &mut errors,
            &mut |_, _: &dyn Fields, _: &mut Errors| {
                seen += 1;
                Ok(())
            },
        );
        assert_eq!(seen, 1);
        let (errs, _) = errors.into_parts();
        assert_eq!(errs[0].to_string(), "f:2: field 2 is not valid UTF-8");
    }

    #[test]
    fn json_lines_take_strings_numbers_booleans_nulls_and_lists() {
        let (rows, errs) = records(
            Format::Jsonl,
            Kind::Products,
            concat!(
                r#"{"sku":"K1","name":"Kettle \"Pro\"","category":"kettles","price":12.5,"stock":0,"features":["steel","1.7 l"],"status":null}"#,
                "\n\n",
                r#"{"sku":"K2","name":"Kettle","category":"kettles","price":"9.99","stock":3}"#,
                "\n"
            ),
        );
        assert!(errs.is_empty(), "{errs:?}");
        assert_eq!(
            rows[0].1,
            [
                "K1",
                "Kettle \"Pro\"",
                "kettles",
                "12.5",
                "0",
                "steel;1.7 l",
                ""
            ]
        );
        assert_eq!(rows[1].0, 3);
        assert_eq!(rows[1].1[5], "", "absent optional fields are empty");
    }

    #[test]
    fn json_lines_report_syntax_unknown_and_missing_fields() {
        let (rows, errs) = records(
            Format::Jsonl,
            Kind::Shipments,
            concat!(
                "{\"order_id\":\"o1\",\"carrier\":\"DHL\"\n",
                "[1,2]\n",
                "{\"order_id\":\"o1\",\"carrier\":\"DHL\",\"eta\":\"2026-12-05\",\"colour\":\"red\"}\n",
                "{\"order_id\":\"o2\",\"carrier\":\"DHL\"}\n",
            ),
        );
        assert_eq!(rows.len(), 2, "well-formed objects still reach validation");
        assert!(errs[0].starts_with("f:1: is not a JSON object"), "{errs:?}");
        assert!(errs[1].starts_with("f:2: is not a JSON object"), "{errs:?}");
        assert!(
            errs[2].starts_with("f:3: field \"colour\" is not a field of shipments"),
            "{errs:?}"
        );
        assert_eq!(errs[3], "f:4: field \"eta\" is missing");
    }
}
