//! The expansion: the user's function unchanged, then, inside `const _: () = { ... };`, the
//! adapter SWF tasks are run through and the activity's registration.

use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use swf_activity_rules::Timeout;
use syn::ext::IdentExt;
use syn::{LitStr, Type};

use crate::args;
use crate::ast::{Activity, ItemFn};
use crate::ctxt::Ctxt;
use crate::valid::{self, Valid};

pub(crate) fn activity(args: TokenStream, item: TokenStream) -> TokenStream {
    let Ok(func) = syn::parse2::<ItemFn>(item.clone()) else {
        let err = syn::Error::new(
            Span::call_site(),
            "`#[activity]` goes on a function with a body: `#[activity(version = \"1\")] async fn my_activity(ctx: ActivityContext, input: T) -> Result<U, E>`",
        );
        return with_errors(item, &err);
    };
    let mut cx = Ctxt::new();
    let args = args::parse(args, &mut cx);
    let activity = Activity::from_syn(args, &func);
    match valid::check(&activity, cx) {
        Ok(valid) => {
            let generated = generate(&func, &valid);
            quote!(#item #generated)
        }
        Err(err) => with_errors(item, &err),
    }
}

/// The function as written, so that IDEs and later errors keep working, and the errors.
fn with_errors(item: TokenStream, err: &syn::Error) -> TokenStream {
    let errors = err.to_compile_error();
    quote!(#item #errors)
}

fn generate(func: &ItemFn, valid: &Valid<'_>) -> TokenStream {
    let krate = match &valid.krate {
        Some(path) => quote!(#path),
        None => quote!(::swf_activity),
    };
    let private = quote!(#krate::__private);
    let shape = &valid.shape;
    let ident = shape.ident;
    // Compared unraw'd: `fn r#__swf_invoke` is the same name as `__swf_invoke`.
    let invoke = if ident.unraw() == "__swf_invoke" {
        format_ident!("__swf_invoke_activity")
    } else {
        format_ident!("__swf_invoke")
    };
    // Hygienic, so that they cannot shadow the user's function (`fn input(...)`), and prefixed,
    // so that no unit struct in scope turns them into patterns (`struct input;`).
    let ctx = Ident::new("__swf_ctx", Span::mixed_site());
    let input = Ident::new("__swf_input", Span::mixed_site());

    let unused_ctx = if shape.takes_context {
        None
    } else {
        Some(quote!(let _ = #ctx;))
    };
    let args = match (shape.takes_context, shape.input.is_some()) {
        (true, true) => quote!(#ctx, #input),
        (true, false) => quote!(#ctx),
        (false, true) => quote!(#input),
        (false, false) => quote!(),
    };
    // Spanned at the function's name: a future or closure that is not `Send` is reported there.
    let fn_span = ident.span();
    let infer = quote_spanned!(fn_span=> _);
    let call = quote_spanned!(fn_span=> #ident(#args));
    // `I`, `T` and `E` are the user's tokens too, so a missing `Deserialize`, `Serialize` or
    // `Display` lands on them.
    let ok = nameable(shape.ok);
    let err = nameable(shape.err);
    // The thread a sync activity runs on is named for it.
    let thread_name = LitStr::new(&valid.descriptor.name, Span::call_site());
    // The adapter only builds the future: the input is decoded inside it, under the same panic
    // guard as the function, so that a `Deserialize` that panics fails the task instead of
    // unwinding into the worker that called the adapter.
    let encoding = Ident::new("__swf_encoding", Span::mixed_site());
    let input_ty = match shape.input {
        Some(ty) => quote!(#ty),
        None => quote!(()),
    };
    // A named converter is checked against the activity's types where the user named it: every
    // use below carries the path's span, so rustc reports a converter that does not fit (or is
    // no converter) once, at the path.
    let named = valid.converter.as_ref().map(|path| {
        let span = path_span(path);
        quote_spanned!(span=> #private::converter::<_, #input_ty, #ok, #err>(&#path))
    });
    let run = match (&named, shape.is_async, shape.input) {
        (None, true, None) => {
            quote!(#private::run_async_activity::<#infer, #ok, #err>(#encoding, #call))
        }
        (None, true, Some(ty)) => quote! {
            #private::run_async_activity_with_input::<#ty, _, #infer, #ok, #err>(
                #encoding,
                #input,
                move |#input| #call,
            )
        },
        (None, false, None) => quote! {
            #private::run_blocking_activity::<#infer, #ok, #err>(#encoding, #thread_name, move || #call)
        },
        (None, false, Some(ty)) => quote! {
            #private::run_blocking_activity_with_input::<#ty, #infer, #ok, #err>(
                #encoding,
                #thread_name,
                #input,
                move |#input| #call,
            )
        },
        (Some(conv), true, None) => quote! {
            #private::run_async_converted::<#infer, #ok, #err>(#conv, #encoding, #call)
        },
        (Some(conv), true, Some(ty)) => quote! {
            #private::run_async_converted_with_input::<#ty, _, #infer, #ok, #err>(
                #conv,
                #encoding,
                #input,
                move |#input| #call,
            )
        },
        (Some(conv), false, None) => quote! {
            #private::run_blocking_converted::<#infer, #ok, #err>(#conv, #encoding, #thread_name, move || #call)
        },
        (Some(conv), false, Some(ty)) => quote! {
            #private::run_blocking_converted_with_input::<#ty, #infer, #ok, #err>(
                #conv,
                #encoding,
                #thread_name,
                #input,
                move |#input| #call,
            )
        },
    };
    let registered_converter = match &named {
        Some(conv) => quote!(::core::option::Option::Some(#conv)),
        None => quote!(::core::option::Option::None),
    };
    let unused_input = if shape.input.is_none() {
        Some(quote!(let _ = #input;))
    } else {
        None
    };

    let descriptor = descriptor(valid, &private);
    let function = LitStr::new(&ident.unraw().to_string(), Span::call_site());
    // An activity behind `#[cfg(...)]` takes its registration with it.
    let cfgs = func.attrs.iter().filter(|attr| attr.path().is_ident("cfg"));

    let handle = handle(func, valid, &private, &descriptor, named.as_ref());

    quote! {
        #handle

        #(#cfgs)*
        const _: () = {
            #[allow(deprecated)]
            fn #invoke(
                #ctx: #private::ActivityContext,
                #input: ::core::option::Option<::std::string::String>,
                #encoding: &#private::Encoding,
            ) -> #private::BoxFuture<#private::Outcome> {
                #unused_ctx
                #unused_input
                #run
            }

            #private::inventory::submit! {
                #private::ActivityRegistration {
                    descriptor: #descriptor,
                    invoke: #invoke,
                    function: ::core::concat!(::core::module_path!(), "::", #function),
                    location: ::core::concat!(::core::file!(), ":", ::core::line!()),
                    converter: #registered_converter,
                }
            }
        };
    }
}

/// The handle: a fieldless braced struct named like the function (a braced struct lives only in
/// the type namespace, so it sits beside the function), implementing `Activity`.
fn handle(
    func: &ItemFn,
    valid: &Valid<'_>,
    private: &TokenStream,
    descriptor: &TokenStream,
    named: Option<&TokenStream>,
) -> TokenStream {
    let shape = &valid.shape;
    let ident = valid.handle.as_ref().unwrap_or(shape.ident);
    let vis = &func.vis;
    let cfgs: Vec<_> = func
        .attrs
        .iter()
        .filter(|attr| attr.path().is_ident("cfg"))
        .collect();
    let input_ty = match shape.input {
        Some(ty) => quote!(#ty),
        None => quote!(()),
    };
    // An `impl Trait` result or error cannot be named: it reads back as JSON.
    let opaque = |ty: &Type| {
        if valid::contains_impl_trait(ty) {
            quote!(#private::JsonValue)
        } else {
            quote!(#ty)
        }
    };
    let nameable_types =
        !valid::contains_impl_trait(shape.ok) && !valid::contains_impl_trait(shape.err);
    let output_ty = opaque(shape.ok);
    let error_ty = opaque(shape.err);
    let takes_input = shape.input.is_some();
    let converter = match (named, nameable_types) {
        (Some(conv), true) => quote!(::core::option::Option::Some(#conv)),
        _ => quote!(::core::option::Option::None),
    };
    let data_converter = match &valid.converter {
        Some(path) => quote! {{
            #[allow(unused_imports)]
            use #private::{ViaAny as _, ViaData as _};
            (&#private::Probe(&#path)).data_converter()
        }},
        None => quote!(::core::option::Option::None),
    };
    let doc = format!(
        " The handle of activity type `{}` version `{}` (from `#[activity]` on `fn {}`): \
         schedule it, read its outcome and complete its tasks, typed, through \
         `swf_activity::handle::Activity`.",
        valid.descriptor.name,
        valid.descriptor.version,
        shape.ident.unraw()
    );
    // Spanned at the function's name (or the `handle` argument), where rustc reports a type of
    // the same name in scope.
    let item = quote_spanned!(ident.span()=> #vis struct #ident {});
    quote! {
        #(#cfgs)*
        #[doc = #doc]
        #[allow(non_camel_case_types, dead_code)]
        #[derive(::core::fmt::Debug, ::core::clone::Clone, ::core::marker::Copy)]
        #item

        #(#cfgs)*
        #[allow(deprecated)]
        impl #private::Activity for #ident {
            type Input = #input_ty;
            type Output = #output_ty;
            type Error = #error_ty;
            const DESCRIPTOR: #private::ActivityDescriptor = #descriptor;
            const TAKES_INPUT: bool = #takes_input;

            fn converter() -> ::core::option::Option<
                &'static dyn #private::Converts<Self::Input, Self::Output, Self::Error>,
            > {
                #converter
            }

            fn data_converter() -> ::core::option::Option<&'static dyn #private::DataConverter> {
                #data_converter
            }
        }
    }
}

/// The span of a path as written, for errors about what it names.
fn path_span(path: &syn::Path) -> Span {
    let mut tokens = quote!(#path).into_iter();
    let first = tokens.next().map_or_else(Span::call_site, |t| t.span());
    tokens
        .last()
        .and_then(|t| first.join(t.span()))
        .unwrap_or(first)
}

/// The type as a turbofish argument: `impl Trait` cannot be named there, so it is inferred.
fn nameable(ty: &Type) -> TokenStream {
    if valid::contains_impl_trait(ty) {
        quote!(_)
    } else {
        quote!(#ty)
    }
}

fn descriptor(valid: &Valid<'_>, private: &TokenStream) -> TokenStream {
    let d = &valid.descriptor;
    let lit = |s: &str| LitStr::new(s, Span::call_site());
    let name = lit(&d.name);
    let version = lit(&d.version);
    let mut calls = Vec::new();
    if let Some(task_list) = &d.task_list {
        let task_list = lit(task_list);
        calls.push(quote!(.with_task_list(#task_list)));
    }
    if let Some(description) = &d.description {
        let description = lit(description);
        calls.push(quote!(.with_description(#description)));
    }
    if let Some(priority) = d.task_priority {
        let priority = proc_macro2::Literal::i32_unsuffixed(priority);
        calls.push(quote!(.with_task_priority(#priority)));
    }
    let timeouts = [
        (
            "with_schedule_to_start_timeout",
            d.schedule_to_start_timeout,
        ),
        ("with_start_to_close_timeout", d.start_to_close_timeout),
        (
            "with_schedule_to_close_timeout",
            d.schedule_to_close_timeout,
        ),
        ("with_heartbeat_timeout", d.heartbeat_timeout),
    ];
    for (method, timeout) in timeouts {
        let Some(timeout) = timeout else { continue };
        let method = Ident::new(method, Span::call_site());
        let timeout = match timeout {
            Timeout::None => quote!(#private::Timeout::None),
            Timeout::Seconds(seconds) => {
                let seconds = proc_macro2::Literal::u32_unsuffixed(seconds);
                quote!(#private::Timeout::Seconds(#seconds))
            }
        };
        calls.push(quote!(.#method(#timeout)));
    }
    quote!(#private::ActivityDescriptor::new(#name, #version) #(#calls)*)
}
