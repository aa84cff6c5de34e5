//! Checks the activity against SWF's rules (from `swf-activity-rules`, the one source of truth)
//! and against what an activity function may look like. Every problem is collected; the result
//! is what `expand.rs` needs, with no error left to find.

use proc_macro2::{Ident, TokenStream, TokenTree};
use quote::ToTokens;
use swf_activity_rules::{
    ActivityTimeouts, DESCRIPTION_MAX, NameKind, RuleError, Timeout, check_max_len, check_name,
    parse_priority, parse_timeout, timeout_bound_errors,
};
use syn::ext::IdentExt;
use syn::{FnArg, GenericParam, Type};

use crate::args::{Args, Number, Str};
use crate::ast::{Activity, ItemFn, Output, Param};
use crate::ctxt::Ctxt;

/// A checked activity: the descriptor's values as SWF takes them, and the function's shape.
pub(crate) struct Valid<'a> {
    pub(crate) descriptor: Descriptor,
    pub(crate) krate: Option<syn::Path>,
    pub(crate) converter: Option<syn::Path>,
    /// The handle type's name, when not the function's.
    pub(crate) handle: Option<proc_macro2::Ident>,
    pub(crate) shape: Shape<'a>,
}

pub(crate) struct Descriptor {
    pub(crate) name: String,
    pub(crate) version: String,
    pub(crate) task_list: Option<String>,
    pub(crate) description: Option<String>,
    pub(crate) task_priority: Option<i32>,
    pub(crate) schedule_to_start_timeout: Option<Timeout>,
    pub(crate) start_to_close_timeout: Option<Timeout>,
    pub(crate) schedule_to_close_timeout: Option<Timeout>,
    pub(crate) heartbeat_timeout: Option<Timeout>,
}

/// How to call the function.
pub(crate) struct Shape<'a> {
    pub(crate) ident: &'a Ident,
    pub(crate) is_async: bool,
    pub(crate) takes_context: bool,
    pub(crate) input: Option<&'a Type>,
    pub(crate) ok: &'a Type,
    pub(crate) err: &'a Type,
}

/// Checks everything, reporting all problems at once through `cx`.
pub(crate) fn check<'a>(activity: &Activity<'a>, mut cx: Ctxt) -> syn::Result<Valid<'a>> {
    let descriptor = descriptor(&activity.args, activity.func.item, &mut cx);
    let shape = shape(activity, &mut cx);
    cx.check()?;
    match (descriptor, shape) {
        (Some(descriptor), Some(shape)) => Ok(Valid {
            descriptor,
            krate: activity.args.krate.clone(),
            converter: activity.args.converter.clone(),
            handle: activity.args.handle.clone(),
            shape,
        }),
        // Every `None` above comes with an error in `cx`; this is only a safety net.
        _ => Err(syn::Error::new(
            proc_macro2::Span::call_site(),
            "internal error in `#[activity]`: invalid activity reported no error",
        )),
    }
}

fn descriptor(args: &Args, item: &ItemFn, cx: &mut Ctxt) -> Option<Descriptor> {
    let name = match &args.name {
        Some(name) => checked_name(NameKind::ActivityName, name, cx),
        None => {
            // The name defaults to the function's, which must then follow SWF's rules too.
            let ident = &item.sig.ident;
            let name = ident.unraw().to_string();
            match check_name(NameKind::ActivityName, &name) {
                Ok(()) => Some(name),
                Err(err) => {
                    cx.error_spanned_by(
                        ident,
                        format!(
                            "{err}; the activity name defaults to the function's name, set another with `name = \"...\"`"
                        ),
                    );
                    None
                }
            }
        }
    };
    let version = match &args.version {
        Some(version) => checked_name(NameKind::Version, version, cx),
        None => {
            if !args.has_version() {
                cx.syn_error(syn::Error::new(
                    proc_macro2::Span::call_site(),
                    "missing activity argument `version`, SWF identifies an activity type by name and version: `#[activity(version = \"1\")]`",
                ));
            }
            None
        }
    };
    let task_list = optional(&args.task_list, |s| checked_name(NameKind::TaskList, s, cx));
    let description = optional(&args.description, |s| {
        match check_max_len("description", &s.value, DESCRIPTION_MAX) {
            Ok(()) => Some(s.value.clone()),
            Err(err) => {
                cx.error_spanned_by(&s.lit, err);
                None
            }
        }
    });
    let task_priority = optional(&args.task_priority, |n| match parse_priority(&n.text) {
        Ok(priority) => Some(priority),
        Err(err) => {
            cx.error_spanned_by(&n.tokens, readable(err));
            None
        }
    });
    let mut timeout = |what: &'static str, n: &Option<Number>| {
        optional(n, |n| match parse_timeout(what, &n.text) {
            Ok(timeout) => Some(timeout),
            Err(err) => {
                cx.error_spanned_by(&n.tokens, readable(err));
                None
            }
        })
    };
    let schedule_to_start = timeout("schedule_to_start_timeout", &args.schedule_to_start_timeout);
    let start_to_close = timeout("start_to_close_timeout", &args.start_to_close_timeout);
    let schedule_to_close = timeout("schedule_to_close_timeout", &args.schedule_to_close_timeout);
    let heartbeat = timeout("heartbeat_timeout", &args.heartbeat_timeout);

    // How the timeouts bound each other; each error lands on the longer timeout.
    let timeouts = ActivityTimeouts {
        schedule_to_start: schedule_to_start.ok().flatten(),
        start_to_close: start_to_close.ok().flatten(),
        schedule_to_close: schedule_to_close.ok().flatten(),
        heartbeat: heartbeat.ok().flatten(),
    };
    for err in timeout_bound_errors(&timeouts) {
        let arg = match &err {
            RuleError::TimeoutExceedsBound {
                what: "heartbeat_timeout",
                ..
            } => &args.heartbeat_timeout,
            RuleError::TimeoutExceedsBound {
                what: "start_to_close_timeout",
                ..
            } => &args.start_to_close_timeout,
            _ => &args.schedule_to_start_timeout,
        };
        // Always given: only timeouts given as arguments have values to compare.
        if let Some(arg) = arg {
            cx.error_spanned_by(&arg.tokens, err);
        }
    }

    Some(Descriptor {
        name: name?,
        version: version?,
        task_list: task_list.ok()?,
        description: description.ok()?,
        task_priority: task_priority.ok()?,
        schedule_to_start_timeout: schedule_to_start.ok()?,
        start_to_close_timeout: start_to_close.ok()?,
        schedule_to_close_timeout: schedule_to_close.ok()?,
        heartbeat_timeout: heartbeat.ok()?,
    })
}

/// `Ok(None)` when the argument was not given, `Ok(Some(_))` when it is valid, `Err(())` when
/// it is not (the error is already in the context).
fn optional<A, T>(arg: &Option<A>, check: impl FnOnce(&A) -> Option<T>) -> Result<Option<T>, ()> {
    match arg {
        None => Ok(None),
        Some(arg) => check(arg).map(Some).ok_or(()),
    }
}

fn checked_name(kind: NameKind, s: &Str, cx: &mut Ctxt) -> Option<String> {
    match check_name(kind, &s.value) {
        Ok(()) => Some(s.value.clone()),
        Err(err) => {
            cx.error_spanned_by(&s.lit, err);
            None
        }
    }
}

/// The rule's message, with the offending text shortened and escaped: it is shown in a compile
/// error, whatever it contains.
fn readable(err: RuleError) -> RuleError {
    match err {
        RuleError::InvalidDuration { what, value } => RuleError::InvalidDuration {
            what,
            value: shorten(&value),
        },
        RuleError::InvalidPriority { value } => RuleError::InvalidPriority {
            value: shorten(&value),
        },
        other => other,
    }
}

fn shorten(value: &str) -> String {
    const MAX: usize = 40;
    let escaped: String = value.escape_debug().collect();
    if escaped.chars().count() <= MAX {
        return escaped;
    }
    let mut short: String = escaped.chars().take(MAX).collect();
    short.push('…');
    short
}

fn shape<'a>(activity: &Activity<'a>, cx: &mut Ctxt) -> Option<Shape<'a>> {
    let func = &activity.func;
    let sig = &func.item.sig;
    let mut ok = true;
    let mut error = |tokens: &dyn ToTokens, message: &str| {
        ok = false;
        cx.error_spanned_by(tokens.to_token_stream(), message);
    };

    if let Some(constness) = &sig.constness {
        error(constness, "an activity cannot be a `const fn`");
    }
    if let Some(unsafety) = &sig.unsafety {
        error(unsafety, "an activity cannot be an `unsafe fn`");
    }
    if let Some(abi) = &sig.abi {
        error(abi, "an activity cannot be an `extern` function");
    }
    if let Some(variadic) = &sig.variadic {
        error(variadic, "an activity cannot be variadic");
    }
    for param in &sig.generics.params {
        let message = match param {
            GenericParam::Lifetime(_) => {
                "an activity cannot have lifetime parameters: its input is decoded into an owned value"
            }
            GenericParam::Type(_) => {
                "an activity cannot be generic: SWF needs one concrete input and result type"
            }
            GenericParam::Const(_) => {
                "an activity cannot have const parameters: SWF needs one concrete input and result type"
            }
        };
        error(param, message);
    }

    // rustc removes a parameter under a false `cfg` only after the expansion, which would then
    // pass the function one argument too many; `cfg_attr` can expand to a `cfg`.
    for arg in &sig.inputs {
        let attrs = match arg {
            FnArg::Receiver(receiver) => &receiver.attrs,
            FnArg::Typed(pat_type) => &pat_type.attrs,
        };
        for attr in attrs {
            if attr.path().is_ident("cfg") {
                error(
                    attr,
                    "an activity's parameters cannot be conditional, put `#[cfg(...)]` on the function instead",
                );
            } else if attr.path().is_ident("cfg_attr") {
                error(
                    attr,
                    "`#[cfg_attr(...)]` is not supported on an activity's parameters, put it on the function instead",
                );
            }
        }
    }

    let mut takes_context = false;
    let mut input = None;
    for (position, param) in func.params.iter().enumerate() {
        if position == 2 {
            let extra: TokenStream = sig
                .inputs
                .iter()
                .skip(2)
                .map(ToTokens::to_token_stream)
                .collect();
            error(
                &extra,
                "an activity takes at most two parameters: `(ctx: ActivityContext, input: T)`",
            );
            break;
        }
        match param {
            Param::Receiver(receiver) => error(
                receiver,
                "an activity cannot take `self`: make it a free function",
            ),
            Param::ContextRef(pat_type) => error(
                &pat_type.ty,
                "take the `ActivityContext` by value: `ctx: ActivityContext`",
            ),
            Param::Context(pat_type) if takes_context => error(
                pat_type,
                "an activity takes one `ActivityContext`: `(ctx: ActivityContext, input: T)`",
            ),
            Param::Context(pat_type) if input.is_some() => error(
                pat_type,
                "the `ActivityContext` must be the first parameter: `(ctx: ActivityContext, input: T)`",
            ),
            Param::Context(_) => takes_context = true,
            Param::Input(pat_type) if input.is_some() => error(
                pat_type,
                "an activity takes one input, put the values in one struct: `(ctx: ActivityContext, input: T)`",
            ),
            Param::Input(pat_type) if contains_impl_trait(&pat_type.ty) => error(
                &pat_type.ty,
                "an activity's input cannot be `impl Trait`: SWF needs one concrete input type",
            ),
            Param::Input(pat_type) if contains_reference(&pat_type.ty) => error(
                &pat_type.ty,
                "an activity's input must be an owned type, such as `String` instead of `&str`",
            ),
            Param::Input(pat_type) => input = Some(&*pat_type.ty),
        }
    }

    let result = match &func.output {
        Output::Result { ok, err } => Some((*ok, *err)),
        Output::Missing => {
            error(
                &sig.ident,
                "an activity must return `Result<T, E>`, where `T` is the task's result and `E` its failure",
            );
            None
        }
        Output::ResultOneArg(ty) => {
            error(
                ty,
                "an activity must return `Result<T, E>` with both types written out, not a `Result<T>` alias that hides the error type",
            );
            None
        }
        Output::Other(ty) => {
            error(
                ty,
                "an activity must return `Result<T, E>`, where `T` is the task's result and `E` its failure",
            );
            None
        }
    };

    let (ok_ty, err_ty) = result?;
    if !ok {
        return None;
    }
    Some(Shape {
        ident: &sig.ident,
        is_async: sig.asyncness.is_some(),
        takes_context,
        input,
        ok: ok_ty,
        err: err_ty,
    })
}

/// Whether `impl Trait` appears anywhere in `ty`; such a type cannot be named in generated code.
pub(crate) fn contains_impl_trait(ty: &Type) -> bool {
    any_token(
        ty.to_token_stream(),
        &|tree| matches!(tree, TokenTree::Ident(ident) if ident == "impl"),
    )
}

/// Whether `ty` borrows (`&str`, `Vec<&[u8]>`): an input cannot, it is decoded from a string
/// that lives only as long as the decoding.
fn contains_reference(ty: &Type) -> bool {
    any_token(
        ty.to_token_stream(),
        &|tree| matches!(tree, TokenTree::Punct(punct) if punct.as_char() == '&'),
    )
}

fn any_token(tokens: TokenStream, matches: &dyn Fn(&TokenTree) -> bool) -> bool {
    tokens.into_iter().any(|tree| match &tree {
        TokenTree::Group(group) => matches(&tree) || any_token(group.stream(), matches),
        _ => matches(&tree),
    })
}
