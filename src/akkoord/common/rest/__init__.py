"""The building blocks every app's API uses: paging, the bounded JSON parser, problem
responses (RFC 9457), throttles and the default permission. The routes that put the
apps' APIs together are in akkoord.api, above the apps."""
