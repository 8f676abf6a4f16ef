#ifndef CCURL_SHIM_H
#define CCURL_SHIM_H
#include <curl/curl.h>

/* HTTPClient restricts protocols with CURLOPT_PROTOCOLS_STR / CURLOPT_REDIR_PROTOCOLS_STR (added in 7.85.0). */
_Static_assert(LIBCURL_VERSION_NUM >= 0x075500, "libcurl >= 7.85.0 is required for CURLOPT_PROTOCOLS_STR");

/* curl_easy_setopt is variadic, which Swift cannot call: one typed wrapper per argument kind. */
static inline CURLcode ccurl_setopt_long(CURL *h, CURLoption o, long v) { return curl_easy_setopt(h, o, v); }
/* String options: curl copies the string, so the caller's buffer may go away after the call. */
static inline CURLcode ccurl_setopt_string(CURL *h, CURLoption o, const char *v) { return curl_easy_setopt(h, o, v); }
/* Pointer options (error buffer, POSTFIELDS, callback user data): the caller keeps the memory alive. */
static inline CURLcode ccurl_setopt_pointer(CURL *h, CURLoption o, void *v) { return curl_easy_setopt(h, o, v); }
/* curl_off_t options (*_LARGE sizes). */
static inline CURLcode ccurl_setopt_off(CURL *h, CURLoption o, curl_off_t v) { return curl_easy_setopt(h, o, v); }
/* Header lists: the caller owns the list and frees it after the transfer. */
static inline CURLcode ccurl_setopt_slist(CURL *h, CURLoption o, struct curl_slist *v) { return curl_easy_setopt(h, o, v); }
/* Function-pointer options take a distinct C type, so they get their own wrappers. */
static inline CURLcode ccurl_setopt_write_callback(CURL *h, curl_write_callback cb) {
    return curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, cb);
}
static inline CURLcode ccurl_setopt_header_callback(CURL *h, curl_write_callback cb) {
    return curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, cb);
}
/* Progress callback: curl calls it often while data flows and about once a second while idle. */
static inline CURLcode ccurl_setopt_xferinfo_callback(CURL *h, curl_xferinfo_callback cb) {
    return curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, cb);
}
#endif
