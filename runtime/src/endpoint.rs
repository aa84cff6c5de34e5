//! Which URL the client talks to, from the region and the standard AWS overrides.
//!
//! In order, the first that applies wins:
//!
//! 1. an endpoint given in code ([`ClientBuilder::endpoint_url`](crate::client::ClientBuilder::endpoint_url));
//! 2. `AWS_ENDPOINT_URL_SWF`, then `AWS_ENDPOINT_URL` (as in the official SDKs; both ignored when
//!    `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true`);
//! 3. the regional endpoint `https://swf.{region}.amazonaws.com`, `.amazonaws.com.cn` in the China
//!    regions (`cn-*`), `https://swf-fips.{region}...` with FIPS (builder flag or
//!    `AWS_USE_FIPS_ENDPOINT=true`).
//!
//! Plain `http` is accepted only in an endpoint given explicitly (1 or 2), e.g. a local SWF.

use std::borrow::Cow;
use std::fmt;

use reqwest::Url;

use crate::Error;

/// `AWS_ENDPOINT_URL_SWF`: the endpoint for SWF only.
pub const ENV_ENDPOINT_URL_SWF: &str = "AWS_ENDPOINT_URL_SWF";
/// `AWS_ENDPOINT_URL`: the endpoint for every AWS service.
pub const ENV_ENDPOINT_URL: &str = "AWS_ENDPOINT_URL";
/// `AWS_USE_FIPS_ENDPOINT`: `true` selects the FIPS endpoint.
pub const ENV_USE_FIPS_ENDPOINT: &str = "AWS_USE_FIPS_ENDPOINT";
/// `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS`: `true` ignores the two endpoint variables.
pub const ENV_IGNORE_CONFIGURED_ENDPOINT_URLS: &str = "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS";

/// Where an [`Endpoint`] came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum EndpointSource {
    /// Given in code.
    Explicit,
    /// `AWS_ENDPOINT_URL_SWF`.
    EnvSwf,
    /// `AWS_ENDPOINT_URL`.
    EnvGlobal,
    /// Derived from the region.
    Regional,
}

/// A resolved SWF endpoint: the URL every request is `POST`ed to.
#[derive(Clone, PartialEq, Eq)]
pub struct Endpoint {
    url: Url,
    source: EndpointSource,
}

impl Endpoint {
    /// The URL, e.g. `https://swf.us-east-1.amazonaws.com/`.
    pub fn url(&self) -> &Url {
        &self.url
    }

    /// Where the URL came from.
    pub fn source(&self) -> EndpointSource {
        self.source
    }
}

impl fmt::Debug for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Endpoint")
            .field("url", &self.url.as_str())
            .field("source", &self.source)
            .finish()
    }
}

impl fmt::Display for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.url.as_str())
    }
}

/// The regional SWF endpoint for `region`: `https://swf.{region}.amazonaws.com`, with
/// `.amazonaws.com.cn` in the China regions and `swf-fips.` when `fips` is set.
///
/// Fails with [`ErrorKind::Configuration`](crate::ErrorKind::Configuration) when `region` is
/// not a region name (lowercase letters, digits and `-`).
pub fn regional_url(region: &str, fips: bool) -> Result<Url, Error> {
    check_region(region)?;
    let host = if fips { "swf-fips" } else { "swf" };
    let suffix = if region.starts_with("cn-") {
        "amazonaws.com.cn"
    } else {
        "amazonaws.com"
    };
    parse(
        &format!("https://{host}.{region}.{suffix}"),
        "the regional endpoint",
    )
}

/// Checks that `region` looks like an AWS region, so it cannot change the endpoint's host.
pub(crate) fn check_region(region: &str) -> Result<(), Error> {
    if region.is_empty() {
        return Err(Error::configuration("the region is empty"));
    }
    let ok = region
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !region.starts_with('-')
        && !region.ends_with('-');
    if !ok {
        return Err(Error::configuration(format!(
            "`{region}` is not an AWS region name, expected e.g. `us-east-1`"
        )));
    }
    Ok(())
}

/// Parses an endpoint URL given explicitly (in code or the environment): `http` or `https`, a
/// host, no credentials, query or fragment.
pub fn parse_explicit(url: &str, what: &str) -> Result<Url, Error> {
    parse(url.trim(), what)
}

/// `url` fit for a message: anything that may be a user name or password (up to the last `@`)
/// is replaced by `***`, so a mistyped URL with credentials never reaches a log. Works on text
/// that does not parse as a URL.
pub(crate) fn shown(url: &str) -> Cow<'_, str> {
    let Some(at) = url.rfind('@') else {
        return Cow::Borrowed(url);
    };
    // Keep a plain `scheme://` so the message can still say what is wrong with it.
    let scheme = url
        .find("://")
        .filter(|&i| i < at && url[..i].bytes().all(|b| b.is_ascii_alphanumeric()))
        .map_or("", |i| &url[..i + 3]);
    Cow::Owned(format!("{scheme}***@{}", &url[at + 1..]))
}

fn parse(url: &str, what: &str) -> Result<Url, Error> {
    let parsed = Url::parse(url);
    // Checked first, so no other message quotes the credentials.
    if let Ok(parsed) = &parsed
        && (!parsed.username().is_empty() || parsed.password().is_some())
    {
        return Err(Error::configuration(format!(
            "{what} must not contain credentials (a user name or password)"
        )));
    }
    let shown = shown(url);
    let parsed = parsed.map_err(|e| {
        Error::configuration(format!("{what} `{shown}` is not a valid URL: {e}")).with_source(e)
    })?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(Error::configuration(format!(
            "{what} `{shown}` must start with `https://` (or `http://` for a local endpoint)"
        )));
    }
    if parsed.host_str().is_none_or(str::is_empty) {
        return Err(Error::configuration(format!(
            "{what} `{shown}` has no host"
        )));
    }
    if parsed.query().is_some() || parsed.fragment().is_some() {
        return Err(Error::configuration(format!(
            "{what} `{shown}` must not have a query or fragment"
        )));
    }
    Ok(parsed)
}

fn env_true(value: Option<String>) -> bool {
    value.is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
}

/// Resolves the endpoint as described in the [module docs](self).
///
/// - `region`: the configured region (needed for the regional endpoint; also checked when an
///   endpoint is given, because requests are signed for it);
/// - `explicit`: an endpoint given in code;
/// - `use_fips`: the builder's FIPS flag; `None` defers to `AWS_USE_FIPS_ENDPOINT`;
/// - `env`: how to read an environment variable (`|name| std::env::var(name).ok()` for the
///   process environment).
pub fn resolve(
    region: &str,
    explicit: Option<&str>,
    use_fips: Option<bool>,
    env: impl Fn(&str) -> Option<String>,
) -> Result<Endpoint, Error> {
    check_region(region)?;
    if let Some(url) = explicit {
        return Ok(Endpoint {
            url: parse_explicit(url, "the endpoint")?,
            source: EndpointSource::Explicit,
        });
    }
    if !env_true(env(ENV_IGNORE_CONFIGURED_ENDPOINT_URLS)) {
        for (name, source) in [
            (ENV_ENDPOINT_URL_SWF, EndpointSource::EnvSwf),
            (ENV_ENDPOINT_URL, EndpointSource::EnvGlobal),
        ] {
            if let Some(url) = env(name).filter(|v| !v.trim().is_empty()) {
                return Ok(Endpoint {
                    url: parse_explicit(&url, name)?,
                    source,
                });
            }
        }
    }
    let fips = use_fips.unwrap_or_else(|| env_true(env(ENV_USE_FIPS_ENDPOINT)));
    Ok(Endpoint {
        url: regional_url(region, fips)?,
        source: EndpointSource::Regional,
    })
}
