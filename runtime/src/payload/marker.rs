//! simpleflow's jumbo-field marker: `simpleflow+s3://<bucket>/<key> <size>`.
//!
//! simpleflow 0.36.0 (`simpleflow/format.py`) writes a field longer than SWF allows to S3 and
//! puts this marker in its place; its reader recognises a field by the prefix alone, splits it
//! at whitespace into a location and a size, and splits the location at its first `/` into the
//! bucket and the object key (which carries simpleflow's "directory", e.g. `jumbo/<uuid>`). The
//! size is Python's `len()` of the stored text: a count of Unicode code points, not of bytes.

use std::fmt;

use crate::failure::truncate;

/// What every marker starts with, and all simpleflow checks to decide a field is one.
pub const PREFIX: &str = "simpleflow+s3://";

/// A parsed or to-be-formatted jumbo-field marker: where a value lives in S3 and how long it is.
///
/// `Display` formats it as simpleflow does.
///
/// ```
/// use swf_activity::payload::Marker;
///
/// let marker = Marker::for_value("my-bucket", "jumbo/0a1b", "héllo");
/// assert_eq!(marker.to_string(), "simpleflow+s3://my-bucket/jumbo/0a1b 5");
/// assert_eq!(Marker::parse(&marker.to_string()).unwrap(), marker);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Marker {
    bucket: String,
    key: String,
    size: u64,
}

impl Marker {
    /// A marker for an object `key` (prefix included) in `bucket` whose text is `size`
    /// characters long.
    pub fn new(bucket: impl Into<String>, key: impl Into<String>, size: u64) -> Marker {
        Marker {
            bucket: bucket.into(),
            key: key.into(),
            size,
        }
    }

    /// A marker for `value` stored under `key` in `bucket`: its size is counted in characters,
    /// as simpleflow counts it.
    pub fn for_value(bucket: impl Into<String>, key: impl Into<String>, value: &str) -> Marker {
        let size = u64::try_from(value.chars().count()).unwrap_or(u64::MAX);
        Marker::new(bucket, key, size)
    }

    /// Whether `field` is a marker in simpleflow's eyes: it starts with [`PREFIX`]. A field that
    /// is one but does not [`parse`](Marker::parse) is a malformed marker, not a plain value.
    pub fn is_marker(field: &str) -> bool {
        field.starts_with(PREFIX)
    }

    /// Parses a marker, refusing anything simpleflow would not read or could not have written:
    /// a missing prefix, a location without a bucket or a key, a missing or non-decimal size,
    /// or more than two whitespace-separated parts.
    pub fn parse(field: &str) -> Result<Marker, MarkerError> {
        let malformed = |reason: &'static str| MarkerError {
            reason,
            field: truncate(field, SHOWN_FIELD).into_owned(),
        };
        let Some(rest) = field.strip_prefix(PREFIX) else {
            return Err(malformed("it does not start with `simpleflow+s3://`"));
        };
        // simpleflow unpacks `content.split()` into exactly two parts.
        let mut parts = rest.split_whitespace();
        let (Some(location), Some(size), None) = (parts.next(), parts.next(), parts.next()) else {
            return Err(malformed(
                "it is not `simpleflow+s3://<bucket>/<key> <size>` (a location and a size separated by a space)",
            ));
        };
        if !rest.starts_with(location) {
            return Err(malformed("whitespace between the prefix and the bucket"));
        }
        let Some((bucket, key)) = location.split_once('/') else {
            return Err(malformed(
                "its location has no `/` between the bucket and the key",
            ));
        };
        if bucket.is_empty() {
            return Err(malformed("its bucket is empty"));
        }
        if key.is_empty() {
            return Err(malformed("its key is empty"));
        }
        if !size.bytes().all(|b| b.is_ascii_digit()) {
            return Err(malformed("its size is not a decimal number"));
        }
        let size = size
            .parse::<u64>()
            .map_err(|_| malformed("its size is too large"))?;
        Ok(Marker::new(bucket, key, size))
    }

    /// The bucket.
    pub fn bucket(&self) -> &str {
        &self.bucket
    }

    /// The object key, simpleflow's directory (our prefix) included.
    pub fn key(&self) -> &str {
        &self.key
    }

    /// The length of the stored text in characters (Unicode code points).
    pub fn size(&self) -> u64 {
        self.size
    }
}

impl fmt::Display for Marker {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{PREFIX}{}/{} {}", self.bucket, self.key, self.size)
    }
}

/// A field that starts like a jumbo-field marker but is not one simpleflow could have written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("malformed simpleflow jumbo-field marker `{field}`: {reason}")]
pub struct MarkerError {
    reason: &'static str,
    field: String,
}

impl MarkerError {
    /// Why the marker was refused.
    pub fn reason(&self) -> &str {
        self.reason
    }
}

/// How much of a refused field an error shows: a marker is short, but a refused field may be
/// anything.
const SHOWN_FIELD: usize = 200;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_as_simpleflow_and_parses_back() {
        let marker = Marker::for_value("bucket", "dir/sub/abc", "ab\u{e9}\u{1F600}");
        assert_eq!(marker.size(), 4);
        let text = marker.to_string();
        assert_eq!(text, "simpleflow+s3://bucket/dir/sub/abc 4");
        let back = Marker::parse(&text).expect("parses");
        assert_eq!(back, marker);
        assert_eq!(
            (back.bucket(), back.key(), back.size()),
            ("bucket", "dir/sub/abc", 4)
        );
    }

    #[test]
    fn reads_what_simpleflow_writes() {
        // `_push_jumbo_field` with SIMPLEFLOW_JUMBO_FIELDS_BUCKET=bucket/dir.
        let marker =
            Marker::parse("simpleflow+s3://bucket/dir/8c1c9a10-1b7e-4e4f-9f8e-0d1e2f3a4b5c 40000")
                .expect("parses");
        assert_eq!(marker.bucket(), "bucket");
        assert_eq!(marker.key(), "dir/8c1c9a10-1b7e-4e4f-9f8e-0d1e2f3a4b5c");
        assert_eq!(marker.size(), 40000);
    }

    #[test]
    fn refuses_malformed_markers() {
        for (field, reason) in [
            ("s3://bucket/key 1", "does not start"),
            ("simpleflow+s3://bucket/key", "a location and a size"),
            ("simpleflow+s3://bucket/key 1 2", "a location and a size"),
            ("simpleflow+s3://bucket/key one", "not a decimal"),
            ("simpleflow+s3://bucket/key -1", "not a decimal"),
            (
                "simpleflow+s3://bucket/key 99999999999999999999999",
                "too large",
            ),
            ("simpleflow+s3://bucket 1", "no `/`"),
            ("simpleflow+s3:///key 1", "bucket is empty"),
            ("simpleflow+s3://bucket/ 1", "key is empty"),
            ("simpleflow+s3:// bucket/key 1", "whitespace"),
        ] {
            let err = Marker::parse(field).expect_err(field);
            assert!(
                err.to_string().contains(reason),
                "{field}: {err} should say {reason}"
            );
            assert!(
                err.to_string().contains(field.trim()),
                "{err} names the field"
            );
        }
    }

    #[test]
    fn recognises_markers_by_prefix() {
        assert!(Marker::is_marker("simpleflow+s3://b/k 1"));
        assert!(Marker::is_marker("simpleflow+s3://garbage"));
        assert!(!Marker::is_marker("{\"simpleflow+s3://\": 1}"));
    }

    #[test]
    fn long_refused_fields_are_shortened() {
        let field = format!("{PREFIX}{}", "x".repeat(10_000));
        let err = Marker::parse(&field).expect_err("no size");
        assert!(err.to_string().len() < 400, "{err}");
    }
}
