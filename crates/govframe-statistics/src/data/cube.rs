//! The in-memory, columnar data set.

use super::column::{Bitmap, Codes, StrColumn};
use super::{Layout, MeasureKind, MeasureValue, Row, Sink};
use crate::{Action, Error, Result, StructureKind};

/// The most rows a cube holds (row numbers are `u32` in indexes).
pub const MAX_ROWS: u64 = u32::MAX as u64 - 1;

/// A measure column: numbers with a presence bitmap (NaN is never stored: a missing value is
/// a cleared bit), or interned text.
#[derive(Debug, Clone)]
pub(crate) enum MeasureColumn {
    Numeric {
        values: Vec<f64>,
        present: Bitmap,
        /// Rows whose value is `-` (delete), allocated on first use.
        dash: Option<Bitmap>,
    },
    Text(Box<StrColumn>),
}

impl MeasureColumn {
    fn numeric() -> Self {
        Self::Numeric {
            values: Vec::new(),
            present: Bitmap::default(),
            dash: None,
        }
    }

    pub(crate) fn get(&self, row: usize) -> MeasureValue<'_> {
        match self {
            Self::Numeric {
                values,
                present,
                dash,
            } => {
                if present.get(row) {
                    values
                        .get(row)
                        .map_or(MeasureValue::Missing, |v| MeasureValue::Number(*v))
                } else if dash.as_ref().is_some_and(|d| d.get(row)) {
                    MeasureValue::Dash
                } else {
                    MeasureValue::Missing
                }
            }
            Self::Text(col) => match col.get(row) {
                "" => MeasureValue::Missing,
                "-" => MeasureValue::Dash,
                s => MeasureValue::Text(s),
            },
        }
    }

    fn push(&mut self, v: MeasureValue<'_>, len: usize) {
        match (&mut *self, v) {
            (
                Self::Numeric {
                    values,
                    present,
                    dash,
                },
                MeasureValue::Number(_) | MeasureValue::Missing | MeasureValue::Dash,
            ) => {
                let is_dash = v == MeasureValue::Dash;
                match v {
                    MeasureValue::Number(x) => {
                        values.push(x);
                        present.push(true);
                    }
                    _ => {
                        values.push(0.0);
                        present.push(false);
                    }
                }
                if is_dash && dash.is_none() {
                    *dash = Some(Bitmap::zeros(len));
                }
                if let Some(d) = dash {
                    d.push(is_dash);
                }
            }
            (Self::Numeric { .. }, MeasureValue::Text(_)) => {
                self.make_text(len);
                self.push(v, len);
            }
            (Self::Text(col), value) => {
                let mut buf = zmij::Buffer::new();
                col.push(match value {
                    MeasureValue::Missing => "",
                    MeasureValue::Dash => "-",
                    MeasureValue::Text(s) => s,
                    MeasureValue::Number(x) => crate::io::format_number(&mut buf, x),
                });
            }
        }
    }

    /// Turns a numeric column into a text one (numbers formatted).
    fn make_text(&mut self, len: usize) {
        let mut col = StrColumn::default();
        let mut buf = zmij::Buffer::new();
        for row in 0..len {
            col.push(match self.get(row) {
                MeasureValue::Missing => "",
                MeasureValue::Dash => "-",
                MeasureValue::Text(s) => s,
                MeasureValue::Number(x) => crate::io::format_number(&mut buf, x),
            });
        }
        *self = Self::Text(Box::new(col));
    }

    fn heap_bytes(&self) -> usize {
        match self {
            Self::Numeric {
                values,
                present,
                dash,
            } => {
                values.capacity() * 8
                    + present.heap_bytes()
                    + dash.as_ref().map_or(0, Bitmap::heap_bytes)
            }
            Self::Text(c) => c.heap_bytes(),
        }
    }
}

/// Lines of rows, stored only where a row does not follow its predecessor on the next line.
#[derive(Debug, Clone, Default)]
pub(crate) struct LineMap {
    /// (row, line) change points, by row.
    points: Vec<(u32, u64)>,
    last: Option<(u32, u64)>,
}

impl LineMap {
    fn push(&mut self, row: u32, line: u64) {
        let expected = self.last.map(|(r, l)| l + u64::from(row - r));
        if expected != Some(line) {
            self.points.push((row, line));
            self.last = Some((row, line));
        }
    }

    pub(crate) fn line(&self, row: usize) -> u64 {
        let row = u32::try_from(row).unwrap_or(u32::MAX);
        let i = self.points.partition_point(|(r, _)| *r <= row);
        match i.checked_sub(1).and_then(|i| self.points.get(i)) {
            Some((r, l)) if *l > 0 => l + u64::from(row - r),
            _ => 0,
        }
    }
}

/// An in-memory data set, stored by column: dimension and attribute values are interned (a
/// dictionary per column and a code per row, 1, 2 or 4 bytes wide as the number of distinct
/// values requires, nothing at all while a column holds one value), numeric measures are
/// `f64` with a presence bitmap.
///
/// Memory is about (Σ code widths + 8 per numeric measure + 1/8) bytes per row plus the
/// dictionaries: 15 bytes per row for 6 dimensions (one of them constant), 1 measure and 2
/// attributes with up to 256 values each (`benches/STATISTICS.md`).
///
/// ```
/// use govframe_statistics::data::DataCube;
/// use govframe_statistics::io::sdmx_csv;
///
/// let csv = "STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA,TIME_PERIOD,OBS_VALUE,OBS_STATUS\n\
///            dataflow,ITU:ICT(1.0),I,KEN,2021,28.8,A\n\
///            dataflow,ITU:ICT(1.0),I,KEN,2020,22.6,E\n";
/// let cube = DataCube::read(|sink| sdmx_csv::read(csv.as_bytes(), "demo.csv", &Default::default(), sink))?;
/// assert_eq!(cube.len(), 2);
/// let index = cube.index();
/// let series = index.find(&cube, &["KEN"]).unwrap();
/// let years: Vec<&str> = index.series(series).rows().iter().map(|&r| cube.time(r as usize).unwrap()).collect();
/// assert_eq!(years, ["2020", "2021"]); // in time order
/// # Ok::<(), govframe_statistics::Error>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct DataCube {
    pub(crate) layout: Layout,
    pub(crate) len: usize,
    pub(crate) structures: Vec<Option<(StructureKind, Box<str>)>>,
    pub(crate) structure_codes: Codes,
    pub(crate) actions: Codes,
    pub(crate) dims: Vec<StrColumn>,
    pub(crate) measures: Vec<MeasureColumn>,
    pub(crate) attrs: Vec<StrColumn>,
    pub(crate) lines: LineMap,
    /// The file the rows came from, for messages.
    pub(crate) source: String,
    /// Where components were in the file.
    pub(crate) columns: super::SourceColumns,
}

impl DataCube {
    /// Builds a cube from a reader: `read` is called with a [`CubeBuilder`] to push rows
    /// into (e.g. `|sink| sdmx_csv::read(file, "f.csv", &options, sink)`).
    pub fn read<T>(read: impl FnOnce(&mut CubeBuilder) -> Result<T>) -> Result<DataCube> {
        let mut builder = CubeBuilder::default();
        read(&mut builder)?;
        Ok(builder.finish_cube())
    }

    /// Like [`DataCube::read`], also returning what the reader returned (its report).
    pub fn read_with<T>(read: impl FnOnce(&mut CubeBuilder) -> Result<T>) -> Result<(DataCube, T)> {
        let mut builder = CubeBuilder::default();
        let out = read(&mut builder)?;
        Ok((builder.finish_cube(), out))
    }

    /// Number of rows (observations).
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether there is no row.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The layout.
    pub fn layout(&self) -> &Layout {
        &self.layout
    }

    /// The file the rows were read from ("" when not from a file).
    pub fn source(&self) -> &str {
        &self.source
    }

    /// Sets the time dimension (e.g. when a reader could not tell which it is).
    pub fn set_time_dimension(&mut self, index: Option<usize>) {
        self.layout.time_dimension = index.filter(|&i| i < self.layout.dimensions.len());
    }

    /// Row `row`, for reading its values. Panics never: out-of-range rows read as empty.
    pub fn row(&self, row: usize) -> CubeRow<'_> {
        CubeRow { cube: self, row }
    }

    /// The value of dimension `dim` in row `row`.
    pub fn dimension(&self, row: usize, dim: usize) -> &str {
        self.dims.get(dim).map_or("", |c| c.get(row))
    }

    /// The time value of a row, when there is a time dimension.
    pub fn time(&self, row: usize) -> Option<&str> {
        self.layout.time_dimension.map(|t| self.dimension(row, t))
    }

    /// The value of measure `m` in row `row`.
    pub fn measure(&self, row: usize, m: usize) -> MeasureValue<'_> {
        self.measures
            .get(m)
            .map_or(MeasureValue::Missing, |c| c.get(row))
    }

    /// The value of attribute `a` in row `row` (`""` when absent).
    pub fn attribute(&self, row: usize, a: usize) -> &str {
        self.attrs.get(a).map_or("", |c| c.get(row))
    }

    /// The distinct values of dimension `dim`, in order of first appearance.
    pub fn dimension_values(&self, dim: usize) -> Vec<&str> {
        self.dims
            .get(dim)
            .map(|c| c.dict.values().collect())
            .unwrap_or_default()
    }

    /// The name the source gave a dimension value, if any.
    pub fn label(&self, dim: usize, value: &str) -> Option<&str> {
        let col = self.dims.get(dim)?;
        col.dict.label(col.dict.get(value)?)
    }

    /// The distinct values of attribute `a`, in order of first appearance.
    pub fn attribute_values(&self, a: usize) -> Vec<&str> {
        self.attrs
            .get(a)
            .map(|c| c.dict.values().collect())
            .unwrap_or_default()
    }

    /// Where components were in the source file.
    pub fn source_columns(&self) -> &super::SourceColumns {
        &self.columns
    }

    /// The 1-based source line of a row (0 when unknown).
    pub fn line(&self, row: usize) -> u64 {
        self.lines.line(row)
    }

    /// Whether measure `m` holds text rather than numbers.
    pub fn is_text_measure(&self, m: usize) -> bool {
        matches!(self.measures.get(m), Some(MeasureColumn::Text(_)))
    }

    /// Approximate heap memory held, in bytes.
    pub fn heap_bytes(&self) -> usize {
        self.dims.iter().map(StrColumn::heap_bytes).sum::<usize>()
            + self.attrs.iter().map(StrColumn::heap_bytes).sum::<usize>()
            + self
                .measures
                .iter()
                .map(MeasureColumn::heap_bytes)
                .sum::<usize>()
            + self.structure_codes.heap_bytes()
            + self.actions.heap_bytes()
            + self.lines.points.capacity() * 16
    }

    /// Pushes every row, in order, into `sink` (e.g. a writer). O(rows × components).
    pub fn write_to<S: Sink>(&self, sink: &mut S) -> Result<()> {
        sink.start(&self.layout)?;
        for row in 0..self.len {
            sink.row(&self.row(row))?;
        }
        sink.finish()
    }

    pub(crate) fn dim_code(&self, row: usize, dim: usize) -> u32 {
        self.dims.get(dim).map_or(0, |c| c.codes.get(row))
    }

    pub(crate) fn attr_code(&self, row: usize, a: usize) -> u32 {
        self.attrs.get(a).map_or(0, |c| c.codes.get(row))
    }
}

impl PartialEq for DataCube {
    /// Two cubes are equal when they have the same components and the same rows in the
    /// same order, value by value (structure, action, dimensions, measures, attributes).
    /// How measures were to be read ([`MeasureKind`]), storage details (code widths,
    /// dictionary order), labels and source lines do not count. O(n).
    fn eq(&self, other: &Self) -> bool {
        let (a, b) = (&self.layout, &other.layout);
        let same_layout = a.dimensions == b.dimensions
            && a.time_dimension == b.time_dimension
            && a.measures.len() == b.measures.len()
            && a.measures
                .iter()
                .zip(&b.measures)
                .all(|(x, y)| x.id == y.id)
            && a.attributes == b.attributes
            && (!a.has_sub_values() || a.sub_separator == b.sub_separator);
        same_layout
            && self.len == other.len
            && (0..self.len).all(|r| {
                let (a, b) = (self.row(r), other.row(r));
                a.structure() == b.structure()
                    && a.action() == b.action()
                    && (0..self.layout.dimensions.len()).all(|i| a.dimension(i) == b.dimension(i))
                    && (0..self.layout.measures.len()).all(|i| a.measure(i) == b.measure(i))
                    && (0..self.layout.attributes.len()).all(|i| a.attribute(i) == b.attribute(i))
            })
    }
}

/// A row of a [`DataCube`].
#[derive(Debug, Clone, Copy)]
pub struct CubeRow<'a> {
    cube: &'a DataCube,
    row: usize,
}

impl CubeRow<'_> {
    /// The row number (0-based).
    pub fn index(&self) -> usize {
        self.row
    }
}

impl Row for CubeRow<'_> {
    fn structure(&self) -> Option<(StructureKind, &str)> {
        let code = self.cube.structure_codes.get(self.row) as usize;
        self.cube
            .structures
            .get(code)
            .and_then(|s| s.as_ref())
            .map(|(k, id)| (*k, &**id))
    }

    fn action(&self) -> Action {
        let code = self.cube.actions.get(self.row);
        Action::ALL
            .into_iter()
            .find(|a| u32::from(a.index()) == code)
            .unwrap_or_default()
    }

    fn dimension(&self, i: usize) -> &str {
        self.cube.dimension(self.row, i)
    }

    fn label(&self, i: usize) -> Option<&str> {
        let col = self.cube.dims.get(i)?;
        col.dict.label(col.codes.get(self.row))
    }

    fn measure(&self, i: usize) -> MeasureValue<'_> {
        self.cube.measure(self.row, i)
    }

    fn attribute(&self, i: usize) -> &str {
        self.cube.attribute(self.row, i)
    }

    fn line(&self) -> u64 {
        self.cube.line(self.row)
    }
}

/// A [`Sink`] that stores rows in a [`DataCube`].
#[derive(Debug, Default)]
pub struct CubeBuilder {
    cube: DataCube,
    last_structure: Option<u32>,
    started: bool,
    scratch: Vec<u32>,
}

impl CubeBuilder {
    /// A builder that records `file` as the cube's source.
    pub fn new(file: impl Into<String>) -> Self {
        let mut b = Self::default();
        b.cube.source = file.into();
        b
    }

    /// The cube built so far, its columns trimmed to their length.
    pub fn finish_cube(mut self) -> DataCube {
        let c = &mut self.cube;
        for col in c.dims.iter_mut().chain(c.attrs.iter_mut()) {
            col.codes.shrink();
        }
        for m in &mut c.measures {
            match m {
                MeasureColumn::Numeric {
                    values,
                    present,
                    dash,
                } => {
                    values.shrink_to_fit();
                    present.shrink();
                    if let Some(d) = dash {
                        d.shrink();
                    }
                }
                MeasureColumn::Text(col) => col.codes.shrink(),
            }
        }
        c.structure_codes.shrink();
        c.actions.shrink();
        self.cube
    }

    fn structure_code(&mut self, s: Option<(StructureKind, &str)>) -> u32 {
        if let Some(last) = self.last_structure
            && let Some(cur) = self.cube.structures.get(last as usize)
            && match (cur, s) {
                (Some((k, id)), Some((k2, id2))) => {
                    *k == k2 && super::column::same(id.as_bytes(), id2.as_bytes())
                }
                (None, None) => true,
                _ => false,
            }
        {
            return last;
        }
        let pos = self
            .cube
            .structures
            .iter()
            .position(|cur| cur.as_ref().map(|(k, id)| (*k, &**id)) == s);
        let code = match pos {
            Some(p) => p,
            None => {
                self.cube
                    .structures
                    .push(s.map(|(k, id)| (k, Box::<str>::from(id))));
                self.cube.structures.len() - 1
            }
        };
        let code = u32::try_from(code).unwrap_or(u32::MAX);
        self.last_structure = Some(code);
        code
    }
}

impl Sink for CubeBuilder {
    fn start(&mut self, layout: &Layout) -> Result<()> {
        if self.started {
            return Err(Error::Usage(
                "a cube builder takes the rows of one reader".into(),
            ));
        }
        self.started = true;
        self.cube.layout = layout.clone();
        self.cube.dims = vec![StrColumn::default(); layout.dimensions.len()];
        self.cube.attrs = vec![StrColumn::default(); layout.attributes.len()];
        self.cube.measures = layout
            .measures
            .iter()
            .map(|m| match m.kind {
                MeasureKind::Text => MeasureColumn::Text(Box::default()),
                _ => MeasureColumn::numeric(),
            })
            .collect();
        Ok(())
    }

    fn row<R: Row + ?Sized>(&mut self, row: &R) -> Result<()> {
        let n = self.cube.len;
        if n as u64 >= MAX_ROWS {
            return Err(Error::TooManyRows { max: MAX_ROWS });
        }
        let s = self.structure_code(row.structure());
        self.cube.structure_codes.push(s);
        self.cube.actions.push(u32::from(row.action().index()));
        for (i, col) in self.cube.dims.iter_mut().enumerate() {
            let (code, new) = col.push(row.dimension(i));
            // A value's label is its first one: look only when the value is new.
            if new && let Some(label) = row.label(i) {
                col.dict.set_label(code, label);
            }
        }
        for (i, col) in self.cube.measures.iter_mut().enumerate() {
            col.push(row.measure(i), n);
        }
        for (i, col) in self.cube.attrs.iter_mut().enumerate() {
            col.push(row.attribute(i));
        }
        let row_no = u32::try_from(n).unwrap_or(u32::MAX);
        self.cube.lines.push(row_no, row.line());
        self.cube.len += 1;
        Ok(())
    }

    /// Column by column: each column's values go through one tight loop.
    fn rows<R: super::Rows + ?Sized>(&mut self, rows: &R) -> Result<()> {
        let n = rows.len();
        let start = self.cube.len;
        if (start + n) as u64 > MAX_ROWS {
            return Err(Error::TooManyRows { max: MAX_ROWS });
        }
        for r in 0..n {
            let s = self.structure_code(rows.structure(r));
            self.cube.structure_codes.push(s);
            self.cube.actions.push(u32::from(rows.action(r).index()));
        }
        let mut codes = std::mem::take(&mut self.scratch);
        for (i, col) in self.cube.dims.iter_mut().enumerate() {
            codes.clear();
            for r in 0..n {
                let (code, new) = col.code_of(rows.dimension(r, i));
                if new && let Some(label) = rows.label(r, i) {
                    col.dict.set_label(code, label);
                }
                codes.push(code);
            }
            col.codes.extend(&codes);
        }
        for (i, col) in self.cube.measures.iter_mut().enumerate() {
            for r in 0..n {
                col.push(rows.measure(r, i), start + r);
            }
        }
        for (i, col) in self.cube.attrs.iter_mut().enumerate() {
            codes.clear();
            for r in 0..n {
                codes.push(col.code_of(rows.attribute(r, i)).0);
            }
            col.codes.extend(&codes);
        }
        self.scratch = codes;
        for r in 0..n {
            let row_no = u32::try_from(start + r).unwrap_or(u32::MAX);
            self.cube.lines.push(row_no, rows.line(r));
        }
        self.cube.len += n;
        Ok(())
    }

    /// Interns each distinct value of the batch once and appends the batch's codes,
    /// remapped; measures are copied. O(rows + distinct values).
    fn coded_rows(&mut self, rows: &super::CodedRows) -> Result<()> {
        let n = rows.len;
        let start = self.cube.len;
        if (start + n) as u64 > MAX_ROWS {
            return Err(Error::TooManyRows { max: MAX_ROWS });
        }
        let mut map = std::mem::take(&mut self.scratch);
        map.clear();
        for s in &rows.structures {
            let code = self.structure_code(s.map(|(k, span)| (k, rows.span(span))));
            map.push(code);
        }
        rows.structure_codes
            .expand(n, &map, &mut self.cube.structure_codes);
        let identity: Vec<u32> = Action::ALL.map(|a| u32::from(a.index())).to_vec();
        rows.actions.expand(n, &identity, &mut self.cube.actions);
        let columns = self
            .cube
            .dims
            .iter_mut()
            .zip(&rows.dims)
            .chain(self.cube.attrs.iter_mut().zip(&rows.attrs));
        for (col, coded) in columns {
            map.clear();
            map.extend(
                coded
                    .dict
                    .values()
                    .iter()
                    .map(|&span| col.dict.intern(rows.span(span))),
            );
            coded.codes.expand(n, &map, &mut col.codes);
        }
        self.scratch = map;
        for (i, col) in self.cube.measures.iter_mut().enumerate() {
            match (col, rows.measures.get(i)) {
                (
                    MeasureColumn::Numeric {
                        values,
                        present,
                        dash,
                    },
                    Some(m),
                ) => {
                    values.extend_from_slice(&m.values);
                    present.append(&m.present);
                    if let Some(d) = dash {
                        d.append(&Bitmap::zeros(n));
                    }
                }
                (col, m) => {
                    for r in 0..n {
                        col.push(m.map_or(MeasureValue::Missing, |m| m.get(r)), start + r);
                    }
                }
            }
        }
        if n > 0 {
            let row_no = u32::try_from(start).unwrap_or(u32::MAX);
            // Rows are on consecutive lines: the first one is enough.
            self.cube.lines.push(row_no, rows.first_line);
        }
        self.cube.len += n;
        Ok(())
    }

    fn source_columns(&mut self, columns: &super::SourceColumns) {
        self.cube.columns = columns.clone();
    }

    fn finish(&mut self) -> Result<()> {
        Ok(())
    }
}
