//! No answer, of any status, header or body, makes the client's response parsing panic.

#![no_main]

use libfuzzer_sys::fuzz_target;
use swf_activity::client::__fuzz_parse_response;

fuzz_target!(|data: &[u8]| {
    if data.len() < 3 {
        return;
    }
    let status = 100 + u16::from_le_bytes([data[0], data[1]]) % 500;
    let (header, body) = data[3..].split_at(usize::from(data[2]).min(data.len() - 3));
    let header = std::str::from_utf8(header).ok();
    let described = __fuzz_parse_response(status, header, body);
    if !(200..300).contains(&status) {
        assert!(described.is_some(), "a non-2xx answer is an error");
    }
});
