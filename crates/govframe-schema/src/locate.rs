//! Finding the line and column of a JSON Pointer in the original text.

/// The 1-based line and column (in characters) where the value at `pointer` starts in the
/// JSON `text`, or `None` when the pointer does not lead anywhere.
///
/// Scans the text once, without building a value and without recursion, so it is safe on
/// deeply nested or very large input. O(n) in the text length.
///
/// ```
/// let text = "{\n  \"goals\": [\n    {\"id\": \"g1\"}\n  ]\n}";
/// assert_eq!(govframe_schema::locate(text, "/goals/0/id"), Some((3, 12)));
/// assert_eq!(govframe_schema::locate(text, ""), Some((1, 1)));
/// assert_eq!(govframe_schema::locate(text, "/nope"), None);
/// ```
pub fn locate(text: &str, pointer: &str) -> Option<(u64, u64)> {
    let offset = offset_of(text.as_bytes(), pointer)?;
    Some(line_col(text, offset))
}

fn line_col(text: &str, offset: usize) -> (u64, u64) {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.bytes().filter(|&b| b == b'\n').count() as u64 + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() as u64 + 1;
    (line, column)
}

fn segments(pointer: &str) -> Option<Vec<String>> {
    if pointer.is_empty() {
        return Some(Vec::new());
    }
    let rest = pointer.strip_prefix('/')?;
    Some(
        rest.split('/')
            .map(|s| s.replace("~1", "/").replace("~0", "~"))
            .collect(),
    )
}

fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && matches!(b[i], b' ' | b'\t' | b'\n' | b'\r') {
        i += 1;
    }
    i
}

/// Skips a string starting at `i` (on the opening quote); returns the index after it.
fn skip_string(b: &[u8], mut i: usize) -> Option<usize> {
    i += 1;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'"' => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

/// Skips any value starting at `i`; returns the index after it.
fn skip_value(b: &[u8], i: usize) -> Option<usize> {
    match b.get(i)? {
        b'"' => skip_string(b, i),
        b'{' | b'[' => {
            let mut depth = 0usize;
            let mut j = i;
            while j < b.len() {
                match b[j] {
                    b'"' => {
                        j = skip_string(b, j)?;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some(j + 1);
                        }
                    }
                    _ => {}
                }
                j += 1;
            }
            None
        }
        _ => {
            let mut j = i;
            while j < b.len() && !matches!(b[j], b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r')
            {
                j += 1;
            }
            Some(j)
        }
    }
}

fn key_matches(raw: &[u8], segment: &str) -> bool {
    if !raw.contains(&b'\\') {
        return raw == segment.as_bytes();
    }
    let quoted = [b"\"".as_slice(), raw, b"\""].concat();
    serde_json::from_slice::<String>(&quoted).is_ok_and(|k| k == segment)
}

fn offset_of(b: &[u8], pointer: &str) -> Option<usize> {
    let mut i = skip_ws(b, 0);
    for seg in segments(pointer)? {
        match b.get(i)? {
            b'{' => {
                i = skip_ws(b, i + 1);
                loop {
                    if b.get(i)? != &b'"' {
                        return None;
                    }
                    let end = skip_string(b, i)?;
                    let raw = &b[i + 1..end - 1];
                    i = skip_ws(b, end);
                    if b.get(i)? != &b':' {
                        return None;
                    }
                    i = skip_ws(b, i + 1);
                    if key_matches(raw, &seg) {
                        break;
                    }
                    i = skip_ws(b, skip_value(b, i)?);
                    match b.get(i)? {
                        b',' => i = skip_ws(b, i + 1),
                        _ => return None,
                    }
                }
            }
            b'[' => {
                let index: usize = seg.parse().ok()?;
                i = skip_ws(b, i + 1);
                for _ in 0..index {
                    i = skip_ws(b, skip_value(b, i)?);
                    match b.get(i)? {
                        b',' => i = skip_ws(b, i + 1),
                        _ => return None,
                    }
                }
                if b.get(i)? == &b']' {
                    return None;
                }
            }
            _ => return None,
        }
    }
    Some(i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaped_keys_and_unicode_columns() {
        let text = "{\"a/b\": 1, \"é\": [10, {\"x~y\": \"v\"}], \"q\\\"\": true}";
        assert_eq!(locate(text, "/a~1b"), Some((1, 9)));
        assert_eq!(locate(text, "/é/1/x~0y"), Some((1, 30)));
        assert_eq!(locate(text, "/q\""), Some((1, 44)));
        assert_eq!(locate(text, "/é/2"), None);
    }

    #[test]
    fn truncated_input_is_none() {
        assert_eq!(locate("{\"a\": [1, 2", "/a/5"), None);
        assert_eq!(locate("{\"a\": \"unterminated", "/b"), None);
    }
}
