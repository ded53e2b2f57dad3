//! SVG charts drawn with plotters' SVG backend.
//!
//! plotters is built without its `ttf` and `ab_glyph` features, so it never reads a system
//! font: text size is estimated from the character count (its "naive" font module) and the
//! text is written as SVG `<text>` elements for the browser to draw. Output therefore depends
//! only on the chart's data — the same chart gives the same bytes on every machine. plotters
//! escapes every text it writes (`&`, `<`, `>`, quotes).

use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::build::fmt_num;
use crate::model::{Chart, ChartKind};

use super::escape_html;

const WIDTH: u32 = 760;
const FONT: &str = "sans-serif";
/// A sober palette (colour-blind safe, after Okabe and Ito).
const PALETTE: [RGBColor; 7] = [
    RGBColor(0, 114, 178),
    RGBColor(213, 94, 0),
    RGBColor(0, 158, 115),
    RGBColor(204, 121, 167),
    RGBColor(86, 180, 233),
    RGBColor(230, 159, 0),
    RGBColor(90, 90, 90),
];
const INK: RGBColor = RGBColor(40, 40, 40);
const GRID: RGBColor = RGBColor(225, 225, 225);

fn colour(i: usize) -> RGBColor {
    PALETTE[i % PALETTE.len()]
}

fn cut(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_owned()
    } else {
        let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
        out.push('…');
        out
    }
}

fn label_value(v: f64) -> String {
    let s = if v.abs() >= 1000.0 {
        fmt_num(v, 0)
    } else if v.abs() >= 10.0 {
        fmt_num(v, 1)
    } else {
        fmt_num(v, 2)
    };
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        s
    }
}

/// The chart as a standalone SVG document with a `<title>` (its caption). Never fails: a
/// chart that cannot be drawn becomes an SVG that says so.
pub fn chart_svg(chart: &Chart) -> String {
    let mut buf = String::new();
    let height = height_of(chart);
    let drawn = {
        let backend = SVGBackend::with_string(&mut buf, (WIDTH, height));
        match chart.chart_type {
            ChartKind::Bar => draw_bars(backend, chart),
            ChartKind::Line => draw_lines(backend, chart),
            ChartKind::Interval => draw_intervals(backend, chart),
        }
    };
    if let Err(e) = drawn {
        buf = format!(
            "<svg width=\"{WIDTH}\" height=\"40\" viewBox=\"0 0 {WIDTH} 40\" xmlns=\"http://www.w3.org/2000/svg\"><text x=\"10\" y=\"25\" font-family=\"{FONT}\" font-size=\"13\">{}</text></svg>\n",
            escape_html(&format!("The chart could not be drawn: {e}"))
        );
    }
    // A title for the standalone file and for screen readers.
    if let Some(end) = buf.find('>') {
        let title = format!("<title>{}</title>", escape_html(&chart.caption));
        buf.insert_str(end + 1, &title);
    }
    if !buf.ends_with('\n') {
        buf.push('\n');
    }
    buf
}

fn rows_of(chart: &Chart) -> usize {
    chart
        .series
        .iter()
        .map(|s| s.points.len())
        .max()
        .unwrap_or(0)
}

fn height_of(chart: &Chart) -> u32 {
    match chart.chart_type {
        ChartKind::Line => 380,
        ChartKind::Bar | ChartKind::Interval => {
            let rows = u32::try_from(rows_of(chart)).unwrap_or(100).min(100);
            let per = 26 * u32::try_from(chart.series.len().max(1)).unwrap_or(1).min(4);
            70 + rows * per
        }
    }
}

type DrawResult = Result<(), String>;

fn err<E: std::fmt::Display>(e: E) -> String {
    e.to_string()
}

fn label_area(chart: &Chart) -> (u32, usize) {
    let longest = chart
        .series
        .iter()
        .flat_map(|s| s.points.iter())
        .map(|p| p.label.chars().count())
        .max()
        .unwrap_or(4);
    let chars = longest.clamp(4, 44);
    (u32::try_from(chars).unwrap_or(44) * 7 + 16, chars)
}

/// The value axis of a horizontal chart (bars, intervals): six labelled ticks along x, grid
/// lines only across it, rows labelled by the caller.
fn horizontal_axes(
    ctx: &mut ChartContext<'_, SVGBackend<'_>, Cartesian2d<RangedCoordf64, RangedCoordf64>>,
    chart: &Chart,
) -> DrawResult {
    ctx.configure_mesh()
        .disable_y_mesh()
        .y_labels(0)
        .x_labels(6)
        .light_line_style(WHITE)
        .bold_line_style(GRID)
        .axis_style(INK)
        .x_desc(chart.x_label.as_str())
        .x_label_formatter(&|v| label_value(*v))
        .label_style((FONT, 13).into_font().color(&INK))
        .axis_desc_style((FONT, 13).into_font().color(&INK))
        .draw()
        .map_err(err)
}

fn draw_bars(backend: SVGBackend<'_>, chart: &Chart) -> DrawResult {
    let root = backend.into_drawing_area();
    root.fill(&WHITE).map_err(err)?;
    let rows = rows_of(chart);
    let nseries = chart.series.len().max(1);
    let values = chart
        .series
        .iter()
        .flat_map(|s| s.points.iter().map(|p| p.value));
    let max = values.clone().fold(0.0_f64, f64::max);
    let min = values.fold(0.0_f64, f64::min);
    // An all-zero chart still gets a readable axis (0 to 1).
    let max = if max - min > 0.0 { max } else { min + 1.0 };
    let span = max - min;
    let (area, chars) = label_area(chart);
    let mut ctx = ChartBuilder::on(&root)
        .margin_top(10)
        .margin_right(60)
        .margin_left(area)
        .margin_bottom(6)
        .x_label_area_size(40)
        .build_cartesian_2d(min..(max + 0.1 * span), -0.5f64..(rows as f64 - 0.5))
        .map_err(err)?;
    horizontal_axes(&mut ctx, chart)?;
    let band = 0.8 / nseries as f64;
    for (si, s) in chart.series.iter().enumerate() {
        let c = colour(si);
        for (i, p) in s.points.iter().enumerate() {
            // Row 0 at the top.
            let centre = (rows - 1 - i.min(rows - 1)) as f64;
            let top = centre + 0.4 - band * si as f64;
            let bottom = top - band;
            ctx.draw_series(std::iter::once(Rectangle::new(
                [(0.0, bottom + 0.05 * band), (p.value, top - 0.05 * band)],
                c.filled(),
            )))
            .map_err(err)?;
            let (px, py) = ctx.backend_coord(&(p.value.max(0.0), (top + bottom) / 2.0));
            root.draw(&Text::new(
                label_value(p.value),
                (px + 4, py),
                (FONT, 12)
                    .into_font()
                    .color(&INK)
                    .pos(Pos::new(HPos::Left, VPos::Center)),
            ))
            .map_err(err)?;
            if si == 0 {
                let (lx, ly) = ctx.backend_coord(&(min, centre));
                root.draw(&Text::new(
                    cut(&p.label, chars),
                    (lx - 8, ly),
                    (FONT, 13)
                        .into_font()
                        .color(&INK)
                        .pos(Pos::new(HPos::Right, VPos::Center)),
                ))
                .map_err(err)?;
            }
        }
    }
    if nseries > 1 {
        legend(&root, chart)?;
    }
    root.present().map_err(err)?;
    Ok(())
}

fn legend(root: &DrawingArea<SVGBackend<'_>, plotters::coord::Shift>, chart: &Chart) -> DrawResult {
    let (w, _) = root.dim_in_pixel();
    let x0 = i32::try_from(w).unwrap_or(760) - 240;
    for (i, s) in chart.series.iter().enumerate() {
        let y = 14 + 18 * i32::try_from(i).unwrap_or(0);
        root.draw(&Rectangle::new(
            [(x0, y - 5), (x0 + 14, y + 5)],
            colour(i).filled(),
        ))
        .map_err(err)?;
        root.draw(&Text::new(
            cut(&s.name, 30),
            (x0 + 20, y),
            (FONT, 12)
                .into_font()
                .color(&INK)
                .pos(Pos::new(HPos::Left, VPos::Center)),
        ))
        .map_err(err)?;
    }
    Ok(())
}

fn draw_lines(backend: SVGBackend<'_>, chart: &Chart) -> DrawResult {
    let root = backend.into_drawing_area();
    root.fill(&WHITE).map_err(err)?;
    let pts = chart.series.iter().flat_map(|s| s.points.iter());
    let xs: Vec<i64> = pts.clone().map(|p| p.x.round() as i64).collect();
    let x0 = xs.iter().copied().min().unwrap_or(0);
    let x1 = xs.iter().copied().max().unwrap_or(1).max(x0 + 1);
    let values = pts
        .map(|p| p.value)
        .chain(chart.reference_lines.iter().map(|r| r.value));
    let max = values.clone().fold(f64::MIN, f64::max);
    let min = values.fold(f64::MAX, f64::min);
    let (lo, hi) = if min >= 0.0 {
        (0.0, if max > 0.0 { max * 1.12 } else { 1.0 })
    } else {
        let span = (max - min).max(1.0);
        (min - 0.1 * span, max + 0.1 * span)
    };
    let legend_h =
        18 * u32::try_from(chart.series.len() + chart.reference_lines.len()).unwrap_or(0);
    let mut ctx = ChartBuilder::on(&root)
        .margin_top(12 + legend_h.min(140))
        .margin_right(24)
        .margin_left(10)
        .margin_bottom(6)
        .x_label_area_size(42)
        .y_label_area_size(64)
        .build_cartesian_2d(x0 - 1..x1 + 1, lo..hi)
        .map_err(err)?;
    let years = usize::try_from(x1 - x0 + 3).unwrap_or(10).min(12);
    ctx.configure_mesh()
        .light_line_style(WHITE)
        .bold_line_style(GRID)
        .axis_style(INK)
        .x_labels(years)
        .x_label_formatter(&|x| {
            if *x < x0 || *x > x1 {
                String::new()
            } else {
                x.to_string()
            }
        })
        .y_label_formatter(&|v| label_value(*v))
        .x_desc(chart.x_label.as_str())
        .y_desc(chart.y_label.as_str())
        .label_style((FONT, 13).into_font().color(&INK))
        .axis_desc_style((FONT, 13).into_font().color(&INK))
        .draw()
        .map_err(err)?;
    for (ri, r) in chart.reference_lines.iter().enumerate() {
        let c = RGBColor(150, 150, 150);
        ctx.draw_series(DashedLineSeries::new(
            [(x0 - 1, r.value), (x1 + 1, r.value)],
            6,
            4,
            c.stroke_width(2),
        ))
        .map_err(err)?;
        let y = 14 + 18 * i32::try_from(chart.series.len() + ri).unwrap_or(0);
        root.draw(&PathElement::new(
            vec![(80, y), (100, y)],
            c.stroke_width(2),
        ))
        .map_err(err)?;
        root.draw(&Text::new(
            cut(&r.label, 70),
            (106, y),
            (FONT, 12)
                .into_font()
                .color(&INK)
                .pos(Pos::new(HPos::Left, VPos::Center)),
        ))
        .map_err(err)?;
    }
    for (si, s) in chart.series.iter().enumerate() {
        let c = colour(si);
        let data: Vec<(i64, f64)> = s
            .points
            .iter()
            .map(|p| (p.x.round() as i64, p.value))
            .collect();
        ctx.draw_series(LineSeries::new(data.iter().copied(), c.stroke_width(2)))
            .map_err(err)?;
        ctx.draw_series(
            data.iter()
                .map(|&(x, y)| Circle::new((x, y), 3, c.filled())),
        )
        .map_err(err)?;
        if data.len() <= 12 {
            for &(x, y) in &data {
                let (px, py) = ctx.backend_coord(&(x, y));
                root.draw(&Text::new(
                    label_value(y),
                    (px, py - 6),
                    (FONT, 11)
                        .into_font()
                        .color(&c)
                        .pos(Pos::new(HPos::Center, VPos::Bottom)),
                ))
                .map_err(err)?;
            }
        }
        let y = 14 + 18 * i32::try_from(si).unwrap_or(0);
        root.draw(&PathElement::new(
            vec![(80, y), (100, y)],
            c.stroke_width(2),
        ))
        .map_err(err)?;
        root.draw(&Text::new(
            cut(&s.name, 70),
            (106, y),
            (FONT, 12)
                .into_font()
                .color(&INK)
                .pos(Pos::new(HPos::Left, VPos::Center)),
        ))
        .map_err(err)?;
    }
    root.present().map_err(err)?;
    Ok(())
}

fn draw_intervals(backend: SVGBackend<'_>, chart: &Chart) -> DrawResult {
    let root = backend.into_drawing_area();
    root.fill(&WHITE).map_err(err)?;
    let rows = rows_of(chart);
    let pts: Vec<_> = chart.series.iter().flat_map(|s| s.points.iter()).collect();
    let hi = pts
        .iter()
        .map(|p| p.high.unwrap_or(p.value))
        .fold(1.0_f64, f64::max);
    let (area, chars) = label_area(chart);
    let mut ctx = ChartBuilder::on(&root)
        .margin_top(10)
        .margin_right(30)
        .margin_left(area)
        .margin_bottom(6)
        .x_label_area_size(40)
        .build_cartesian_2d(0.5f64..(hi + 0.5), -0.5f64..(rows as f64 - 0.5))
        .map_err(err)?;
    horizontal_axes(&mut ctx, chart)?;
    let c = colour(0);
    for (i, p) in chart
        .series
        .first()
        .map(|s| s.points.as_slice())
        .unwrap_or(&[])
        .iter()
        .enumerate()
    {
        let y = (rows - 1 - i.min(rows - 1)) as f64;
        let lo = p.low.unwrap_or(p.value);
        let up = p.high.unwrap_or(p.value);
        ctx.draw_series(std::iter::once(PathElement::new(
            vec![(lo, y), (up, y)],
            c.stroke_width(3),
        )))
        .map_err(err)?;
        ctx.draw_series(std::iter::once(Circle::new((p.value, y), 4, INK.filled())))
            .map_err(err)?;
        let (lx, ly) = ctx.backend_coord(&(0.5, y));
        root.draw(&Text::new(
            cut(&p.label, chars),
            (lx - 8, ly),
            (FONT, 13)
                .into_font()
                .color(&INK)
                .pos(Pos::new(HPos::Right, VPos::Center)),
        ))
        .map_err(err)?;
    }
    root.present().map_err(err)?;
    Ok(())
}
