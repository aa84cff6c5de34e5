//! Which URL the client talks to, from the region and the standard AWS overrides.
//!
//! In order, the first that applies wins:
//!
//! 1. an endpoint given in code ([`ClientBuilder::endpoint_url`](crate::client::ClientBuilder::endpoint_url));
//! 2. an endpoint from configuration: with an `aws-config` `SdkConfig`, as `aws-sdk-swf` reads
//!    it (`AWS_ENDPOINT_URL_SWF`, `AWS_ENDPOINT_URL`, the profile's `[services]` section for
//!    `swf`, the profile's `endpoint_url`); otherwise `AWS_ENDPOINT_URL_SWF`, then
//!    `AWS_ENDPOINT_URL`. All are ignored when `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true`;
//! 3. the regional endpoint, as the SDKs' SWF endpoint rules build it from the region's
//!    [partition](crate::partition): `https://swf.{region}.{suffix}`, `swf-fips.` with FIPS
//!    (builder flag, `AWS_USE_FIPS_ENDPOINT=true` or the profile's `use_fips_endpoint`), the
//!    partition's dual-stack suffix with dual-stack (`AWS_USE_DUALSTACK_ENDPOINT=true` or the
//!    profile's `use_dualstack_endpoint`). In GovCloud the FIPS endpoint is the regular host and
//!    the dual-stack endpoint is `swf-fips.{region}.api.aws`, as in the SDKs' rules.
//!
//! FIPS or dual-stack together with an endpoint from 1 or 2 is an error, as in the SDKs: the
//! custom endpoint cannot be made FIPS or dual-stack, and dropping either silently would send
//! traffic somewhere the configuration forbids.
//!
//! Plain `http` is accepted only in an endpoint given explicitly (1 or 2), e.g. a local SWF.

use std::borrow::Cow;
use std::fmt;

use reqwest::Url;

use crate::Error;
use crate::partition::Partition;

/// `AWS_ENDPOINT_URL_SWF`: the endpoint for SWF only.
pub const ENV_ENDPOINT_URL_SWF: &str = "AWS_ENDPOINT_URL_SWF";
/// `AWS_ENDPOINT_URL`: the endpoint for every AWS service.
pub const ENV_ENDPOINT_URL: &str = "AWS_ENDPOINT_URL";
/// `AWS_USE_FIPS_ENDPOINT`: `true` selects the FIPS endpoint.
pub const ENV_USE_FIPS_ENDPOINT: &str = "AWS_USE_FIPS_ENDPOINT";
/// `AWS_USE_DUALSTACK_ENDPOINT`: `true` selects the dual-stack (IPv4 and IPv6) endpoint.
pub const ENV_USE_DUALSTACK_ENDPOINT: &str = "AWS_USE_DUALSTACK_ENDPOINT";
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
    /// The shared config file: the profile's `[services]` section for `swf`, or its
    /// `endpoint_url`.
    Profile,
    /// An `aws-config` `SdkConfig`, which does not say which of its sources it was.
    SdkConfig,
    /// Derived from the region.
    Regional,
}

impl EndpointSource {
    /// What the source is called in messages.
    fn describe(self) -> &'static str {
        match self {
            EndpointSource::Explicit => "the endpoint",
            EndpointSource::EnvSwf => ENV_ENDPOINT_URL_SWF,
            EndpointSource::EnvGlobal => ENV_ENDPOINT_URL,
            EndpointSource::Profile => "the profile's endpoint_url",
            EndpointSource::SdkConfig => "the SdkConfig's endpoint URL",
            EndpointSource::Regional => "the regional endpoint",
        }
    }
}

/// What decides the endpoint besides the region and the environment. A `None` defers to the
/// environment variables named in the [module docs](self).
#[derive(Clone, Default, PartialEq, Eq)]
pub struct EndpointSettings {
    /// An endpoint URL and where it came from (e.g. [`EndpointSource::Explicit`]).
    pub url: Option<(String, EndpointSource)>,
    /// Whether to use the FIPS endpoint; `None` reads `AWS_USE_FIPS_ENDPOINT`.
    pub use_fips: Option<bool>,
    /// Whether to use the dual-stack (IPv4 and IPv6) endpoint; `None` reads
    /// `AWS_USE_DUALSTACK_ENDPOINT`.
    pub use_dual_stack: Option<bool>,
}

impl fmt::Debug for EndpointSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EndpointSettings")
            // A mistyped endpoint may carry a user name and password.
            .field(
                "url",
                &self.url.as_ref().map(|(url, source)| (shown(url), source)),
            )
            .field("use_fips", &self.use_fips)
            .field("use_dual_stack", &self.use_dual_stack)
            .finish()
    }
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

/// The regional SWF endpoint for `region`, as the SDKs' SWF endpoint rules build it: e.g.
/// `https://swf.us-east-1.amazonaws.com`, `https://swf-fips.us-east-1.amazonaws.com` with
/// `fips`, `https://swf.us-east-1.api.aws` with `dual_stack`, the suffixes of the region's
/// [`Partition`].
///
/// Fails with [`ErrorKind::Configuration`](crate::ErrorKind::Configuration) when `region` is
/// not a region name (lowercase letters, digits and `-`), or its partition has no FIPS or
/// dual-stack endpoints where they are asked for.
pub fn regional_url(region: &str, fips: bool, dual_stack: bool) -> Result<Url, Error> {
    check_region(region)?;
    let partition = Partition::of(region);
    let unsupported = |what: &str| {
        Error::configuration(format!(
            "{what} is enabled, but the partition {} of region `{region}` does not support it",
            partition.name()
        ))
    };
    if fips && !partition.supports_fips() {
        return Err(unsupported("FIPS"));
    }
    if dual_stack && !partition.supports_dual_stack() {
        return Err(unsupported("dual-stack"));
    }
    // SWF's rules special-case GovCloud: its regular host is FIPS validated already, and its
    // dual-stack host is named `swf-fips` with or without FIPS.
    let fips_host = if partition.name() == "aws-us-gov" {
        dual_stack
    } else {
        fips
    };
    let host = if fips_host { "swf-fips" } else { "swf" };
    let suffix = if dual_stack {
        partition.dual_stack_dns_suffix()
    } else {
        partition.dns_suffix()
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
/// - `settings`: an endpoint URL and the FIPS and dual-stack flags, where configured;
/// - `env`: how to read an environment variable (`|name| std::env::var(name).ok()` for the
///   process environment); read only for what `settings` leaves open.
///
/// Fails with [`ErrorKind::Configuration`](crate::ErrorKind::Configuration) for a bad region or
/// URL, and for FIPS or dual-stack together with an endpoint URL.
pub fn resolve(
    region: &str,
    settings: &EndpointSettings,
    env: impl Fn(&str) -> Option<String>,
) -> Result<Endpoint, Error> {
    check_region(region)?;
    let fips = settings
        .use_fips
        .unwrap_or_else(|| env_true(env(ENV_USE_FIPS_ENDPOINT)));
    let dual_stack = settings
        .use_dual_stack
        .unwrap_or_else(|| env_true(env(ENV_USE_DUALSTACK_ENDPOINT)));
    let configured = match &settings.url {
        Some((url, source)) => Some((url.clone(), *source)),
        None if env_true(env(ENV_IGNORE_CONFIGURED_ENDPOINT_URLS)) => None,
        None => [
            (ENV_ENDPOINT_URL_SWF, EndpointSource::EnvSwf),
            (ENV_ENDPOINT_URL, EndpointSource::EnvGlobal),
        ]
        .into_iter()
        .find_map(|(name, source)| {
            env(name)
                .filter(|v| !v.trim().is_empty())
                .map(|url| (url, source))
        }),
    };
    let Some((url, source)) = configured else {
        return Ok(Endpoint {
            url: regional_url(region, fips, dual_stack)?,
            source: EndpointSource::Regional,
        });
    };
    let what = source.describe();
    let url = parse_explicit(&url, what)?;
    for (on, flag) in [(fips, "FIPS"), (dual_stack, "dual-stack")] {
        if on {
            return Err(Error::configuration(format!(
                "{flag} and a custom endpoint are not supported together, as in the AWS SDKs: \
                 {what} is `{}`; turn {flag} off or remove the endpoint",
                shown(url.as_str())
            )));
        }
    }
    Ok(Endpoint { url, source })
}
