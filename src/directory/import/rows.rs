//! Reading an import file, whatever its format, as rows of cells under the
//! file's own column names, each with the line (for XLSX, the sheet row) it
//! starts on. The file is read on a thread of its own that hands rows over a
//! short queue, so memory holds a few rows whatever the file's size.

use std::cell::Cell;
use std::io::{BufRead, BufReader, Read, Seek};
use std::rc::Rc;
use std::sync::Arc;

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};

use super::Problem;
use crate::platform::i18n::Lang;

/// The formats an import reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Xlsx,
    /// An array of objects whose keys are the CSV's column names.
    Json,
}

impl Format {
    /// The format of a file named `name` starting with `head`: by its
    /// extension, or else by its first bytes.
    pub fn of(name: &str, head: &[u8]) -> Format {
        let extension = name.rsplit_once('.').map(|(_, extension)| extension.to_ascii_lowercase());
        match extension.as_deref().and_then(Format::by_extension) {
            Some(format) => format,
            None if head.starts_with(b"PK\x03\x04") => Format::Xlsx,
            None if first_significant_byte(head) == Some(b'[') => Format::Json,
            None => Format::Csv,
        }
    }

    /// The format a lower-case file extension names.
    pub fn by_extension(extension: &str) -> Option<Format> {
        match extension {
            "csv" => Some(Format::Csv),
            "xlsx" => Some(Format::Xlsx),
            "json" => Some(Format::Json),
            _ => None,
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
            Format::Json => "json",
        }
    }
}

/// Whether a JSON file starting with `head` is a whole export written by
/// `irene export` (one object) rather than rows (an array).
pub fn is_export_dump(head: &[u8]) -> bool {
    first_significant_byte(head) == Some(b'{')
}

fn first_significant_byte(head: &[u8]) -> Option<u8> {
    head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head).iter().copied().find(|b| !b.is_ascii_whitespace())
}

/// A row as read, before any check.
pub struct RawRow {
    pub line: u64,
    /// The file's column names for `cells`; rows of a table share one.
    pub header: Arc<[String]>,
    pub cells: Vec<String>,
}

pub enum Item {
    /// The header of a table (CSV, XLSX); JSON rows name their own columns.
    Header(Arc<[String]>),
    Row(RawRow),
    Problem(Problem),
}

/// The rows of a file, in order, as its reading thread hands them over.
pub struct Rows {
    receiver: tokio::sync::mpsc::Receiver<Item>,
    reader: Option<std::thread::JoinHandle<()>>,
    lang: Lang,
}

/// How many rows wait between the reading thread and the import.
const QUEUE: usize = 256;

impl Rows {
    /// Starts reading `input`, with problems reported in `lang`.
    pub fn read<R: Read + Seek + Send + 'static>(input: R, format: Format, lang: Lang) -> Rows {
        let (sender, receiver) = tokio::sync::mpsc::channel(QUEUE);
        let reader = std::thread::spawn(move || {
            // False once the import stops listening: the reading stops too.
            let send = |item: Item| sender.blocking_send(item).is_ok();
            match format {
                Format::Csv => read_csv(input, &send, lang),
                Format::Xlsx => read_xlsx(input, &send, lang),
                Format::Json => read_json(input, &send, lang),
            }
        });
        Rows { receiver, reader: Some(reader), lang }
    }

    /// The next item, waiting for the reading thread; for synchronous callers.
    pub fn next_blocking(&mut self) -> Option<Item> {
        self.receiver.blocking_recv().or_else(|| self.finish())
    }

    pub async fn next(&mut self) -> Option<Item> {
        match self.receiver.recv().await {
            Some(item) => Some(item),
            None => self.finish(),
        }
    }

    /// After the last row: a problem if the reading thread failed rather than
    /// ended (a parser's panic on a malformed file is the file's problem, not the server's).
    fn finish(&mut self) -> Option<Item> {
        let reader = self.reader.take()?;
        let lang = self.lang;
        reader
            .join()
            .err()
            .map(|_| Item::Problem(Problem { line: 0, column: "-".into(), message: lang.t("import-file-unreadable") }))
    }
}

fn clean_header(name: &str) -> String {
    name.trim_start_matches('\u{feff}').trim().to_string()
}

fn unreadable(line: u64, error: impl std::fmt::Display, lang: Lang) -> Item {
    let error: String = error.to_string().chars().take(300).collect();
    Item::Problem(Problem {
        line,
        column: "-".into(),
        message: lang.t_with("import-unreadable", &[("error", error.into())]),
    })
}

/// Records end at a line feed only. With the csv crate's default terminator a CRLF record ends at its CR, and
/// the LF is counted as a line of the next record, so every row of a file from Excel would be reported a line
/// early; so the CR is left in the row's last cell and taken off here.
fn read_csv(input: impl Read, send: &dyn Fn(Item) -> bool, lang: Lang) {
    let mut reader =
        csv::ReaderBuilder::new().flexible(true).terminator(csv::Terminator::Any(b'\n')).from_reader(input);
    let header: Arc<[String]> = match reader.headers() {
        Ok(header) => without_carriage_return(header).iter().map(|name| clean_header(name)).collect(),
        Err(error) => {
            send(unreadable(1, error, lang));
            return;
        }
    };
    if !send(Item::Header(header.clone())) {
        return;
    }
    let mut record = csv::StringRecord::new();
    loop {
        let item = match reader.read_record(&mut record) {
            Ok(false) => return,
            Ok(true) => {
                let cells = without_carriage_return(&record);
                // A blank line of a CRLF file is a lone CR, which the csv crate does not skip as it skips empty lines.
                if cells.len() == 1 && cells[0].is_empty() {
                    continue;
                }
                Item::Row(RawRow { line: record.position().map_or(0, |p| p.line()), header: header.clone(), cells })
            }
            Err(error) => {
                let item = unreadable(error.position().map_or(0, |p| p.line()), &error, lang);
                // A line that is not UTF-8 can be skipped; a failing disk cannot.
                if matches!(error.kind(), csv::ErrorKind::Io(_)) {
                    send(item);
                    return;
                }
                item
            }
        };
        if !send(item) {
            return;
        }
    }
}

/// A record's cells, the CR of its CRLF line end taken off the last.
fn without_carriage_return(record: &csv::StringRecord) -> Vec<String> {
    let mut cells: Vec<String> = record.iter().map(str::to_string).collect();
    if let Some(last) = cells.last_mut()
        && last.ends_with('\r')
    {
        last.pop();
    }
    cells
}

/// The most columns a sheet has (XFD), so a malformed file cannot claim more.
const XLSX_COLUMNS: usize = 16_384;

/// Reads the first sheet cell by cell. calamine keeps the file's shared
/// strings (each distinct text once) in memory, but not its rows.
fn read_xlsx<R: Read + Seek>(input: R, send: &dyn Fn(Item) -> bool, lang: Lang) {
    use calamine::Reader;
    let mut workbook: calamine::Xlsx<_> = match calamine::Xlsx::new(BufReader::new(input)) {
        Ok(workbook) => workbook,
        Err(error) => {
            send(unreadable(0, error, lang));
            return;
        }
    };
    let Some(sheet) = workbook.sheet_names().first().cloned() else {
        send(unreadable(0, lang.t("import-no-sheet"), lang));
        return;
    };
    let mut cells = match workbook.worksheet_cells_reader(&sheet) {
        Ok(cells) => cells,
        Err(error) => {
            send(unreadable(0, error, lang));
            return;
        }
    };
    let mut header: Option<Arc<[String]>> = None;
    let mut current: Option<(u32, Vec<String>)> = None;
    // Hands over a finished row: the first one is the header.
    let flush = |row: Option<(u32, Vec<String>)>, header: &mut Option<Arc<[String]>>| -> bool {
        let Some((index, cells)) = row else { return true };
        match header {
            None => {
                let names: Arc<[String]> = cells.iter().map(|name| clean_header(name)).collect();
                *header = Some(names.clone());
                send(Item::Header(names))
            }
            Some(names) => send(Item::Row(RawRow { line: u64::from(index) + 1, header: names.clone(), cells })),
        }
    };
    loop {
        let cell = match cells.next_cell() {
            Ok(Some(cell)) => cell,
            Ok(None) => break,
            Err(error) => {
                send(unreadable(current.as_ref().map_or(0, |(index, _)| u64::from(*index) + 1), error, lang));
                return;
            }
        };
        let (row, column) = cell.get_position();
        let column = column as usize;
        let line = u64::from(row) + 1;
        if column >= XLSX_COLUMNS {
            send(unreadable(line, lang.t("import-too-many-columns"), lang));
            return;
        }
        if current.as_ref().is_none_or(|(index, _)| *index != row) {
            if !flush(current.take(), &mut header) {
                return;
            }
            current = Some((row, Vec::new()));
        }
        let text = match cell.get_value() {
            calamine::DataRef::Error(error) => {
                let name = header.as_ref().and_then(|h| h.get(column).cloned()).unwrap_or_else(|| "-".into());
                if !send(Item::Problem(Problem {
                    line,
                    column: name,
                    message: lang.t_with("import-cell-error", &[("error", error.to_string().into())]),
                })) {
                    return;
                }
                String::new()
            }
            calamine::DataRef::Float(number) if number.fract() == 0.0 && number.abs() < 1e15 => {
                format!("{}", *number as i64)
            }
            calamine::DataRef::Float(number) => number.to_string(),
            calamine::DataRef::Int(number) => number.to_string(),
            calamine::DataRef::String(text) => text.clone(),
            calamine::DataRef::SharedString(text) => text.to_string(),
            calamine::DataRef::Bool(flag) => flag.to_string(),
            calamine::DataRef::DateTime(date) => date.to_string(),
            calamine::DataRef::DateTimeIso(text) | calamine::DataRef::DurationIso(text) => text.clone(),
            calamine::DataRef::Empty => String::new(),
        };
        if let Some((_, cells)) = current.as_mut() {
            if cells.len() <= column {
                cells.resize(column + 1, String::new());
            }
            cells[column] = text;
        }
    }
    flush(current, &mut header);
}

/// Counts the lines read so far, so each JSON object knows where it starts.
struct LineCounter<R> {
    inner: R,
    newlines: Rc<Cell<u64>>,
}

impl<R: Read> Read for LineCounter<R> {
    fn read(&mut self, buffer: &mut [u8]) -> std::io::Result<usize> {
        let read = self.inner.read(buffer)?;
        let newlines = buffer[..read].iter().filter(|b| **b == b'\n').count() as u64;
        self.newlines.set(self.newlines.get() + newlines);
        Ok(read)
    }
}

/// Streams the array's objects one at a time (serde_json reads a byte at a
/// time from the counter, so the count is exact when an object opens).
fn read_json(input: impl Read, send: &dyn Fn(Item) -> bool, lang: Lang) {
    let mut input = BufReader::new(input);
    if input.fill_buf().is_ok_and(|head| head.starts_with(b"\xEF\xBB\xBF")) {
        input.consume(3);
    }
    let newlines = Rc::new(Cell::new(0));
    let mut deserializer =
        serde_json::Deserializer::from_reader(LineCounter { inner: input, newlines: newlines.clone() });
    let rows = JsonRows { newlines: &newlines, send, lang };
    if let Err(error) = rows.deserialize(&mut deserializer).and_then(|()| deserializer.end()) {
        // After a "stopped" error nobody listens, and this is not delivered.
        send(unreadable(error.line() as u64, error, lang));
    }
}

struct JsonRows<'a> {
    newlines: &'a Rc<Cell<u64>>,
    send: &'a dyn Fn(Item) -> bool,
    lang: Lang,
}

impl<'de> DeserializeSeed<'de> for JsonRows<'_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for JsonRows<'_> {
    type Value = ();

    fn expecting(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
        formatter.write_str("an array of objects")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut sequence: A) -> Result<(), A::Error> {
        while sequence
            .next_element_seed(JsonRow { newlines: self.newlines, send: self.send, lang: self.lang })?
            .is_some()
        {}
        Ok(())
    }
}

struct JsonRow<'a> {
    newlines: &'a Rc<Cell<u64>>,
    send: &'a dyn Fn(Item) -> bool,
    lang: Lang,
}

impl<'de> DeserializeSeed<'de> for JsonRow<'_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for JsonRow<'_> {
    type Value = ();

    fn expecting(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
        formatter.write_str("an object of column names and values")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        // The opening brace has just been read.
        let line = self.newlines.get() + 1;
        let (mut header, mut cells) = (Vec::new(), Vec::new());
        while let Some((column, value)) = map.next_entry::<String, serde_json::Value>()? {
            let text = match json_text(&value) {
                Some(text) => text,
                None => {
                    let message = self.lang.t("import-not-a-text");
                    if !(self.send)(Item::Problem(Problem { line, column: column.clone(), message })) {
                        return Err(de::Error::custom("stopped"));
                    }
                    String::new()
                }
            };
            header.push(column);
            cells.push(text);
        }
        if (self.send)(Item::Row(RawRow { line, header: header.into(), cells })) {
            Ok(())
        } else {
            Err(de::Error::custom("stopped"))
        }
    }
}

/// A JSON value as a cell's text: lists (of networks) are separated by semicolons as in CSV.
fn json_text(value: &serde_json::Value) -> Option<String> {
    use serde_json::Value;
    match value {
        Value::Null => Some(String::new()),
        Value::String(text) => Some(text.clone()),
        Value::Number(number) => Some(number.to_string()),
        Value::Bool(flag) => Some(flag.to_string()),
        Value::Array(items) => items
            .iter()
            .map(|item| match item {
                Value::Array(_) | Value::Object(_) => None,
                scalar => json_text(scalar),
            })
            .collect::<Option<Vec<_>>>()
            .map(|texts| texts.join(";")),
        Value::Object(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(bytes: &[u8], format: Format) -> Vec<String> {
        let mut rows = Rows::read(std::io::Cursor::new(bytes.to_vec()), format, Lang::En);
        let mut seen = Vec::new();
        while let Some(item) = rows.next_blocking() {
            seen.push(match item {
                Item::Header(header) => format!("header {}", header.join("|")),
                Item::Row(row) => format!("{}: {}={}", row.line, row.header.join("|"), row.cells.join("|")),
                Item::Problem(problem) => format!("problem {problem}"),
            });
        }
        seen
    }

    #[test]
    fn json_rows_know_the_line_they_start_on() {
        let json = b"\xEF\xBB\xBF[\n  {\"name_en\": \"A\",\n   \"networks\": [\"x\", \"y\"]},\n  {\"name_en\": {\"no\": 1}, \"founded_year\": 1998}\n]";
        assert_eq!(
            items(json, Format::Json),
            [
                "2: name_en|networks=A|x;y",
                "problem line 4, column name_en: a text, a number or a list of texts is expected",
                "4: name_en|founded_year=|1998"
            ]
        );
        let broken = items(b"[{\"name_en\": \"A\"},\n {\"name_en\" 1}]", Format::Json);
        assert_eq!(broken.len(), 2);
        assert!(broken[1].starts_with("problem line 2, column -: unreadable"), "{broken:?}");
        assert!(items(b"{\"organizations\": []}", Format::Json)[0].contains("an array of objects"));
    }

    #[test]
    fn csv_rows_know_their_line_whatever_the_line_ends() {
        for end in ["\n", "\r\n"] {
            let file = ["name_en,city", "A,Baku", "\"B", "C\",\"Quba\"", "D,", ""].join(end);
            let expected = [
                "header name_en|city".to_string(),
                "2: name_en|city=A|Baku".to_string(),
                format!("3: name_en|city=B{end}C|Quba"),
                "5: name_en|city=D|".to_string(),
            ];
            assert_eq!(items(file.as_bytes(), Format::Csv), expected, "{end:?}");
        }
    }

    #[test]
    fn formats_go_by_extension_then_by_content() {
        assert_eq!(Format::of("a.XLSX", b""), Format::Xlsx);
        assert_eq!(Format::of("upload", b"PK\x03\x04..."), Format::Xlsx);
        assert_eq!(Format::of("upload", b"\xEF\xBB\xBF [{"), Format::Json);
        assert_eq!(Format::of("upload", b"name_en,country"), Format::Csv);
        assert!(is_export_dump(b"\n{\"organizations\""));
    }
}
