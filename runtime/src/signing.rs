//! SigV4 signing of SWF requests with `aws-sigv4`.
