#ifndef CWEBSOCKETS_SHIM_H
#define CWEBSOCKETS_SHIM_H
#include <libwebsockets.h>

/* LWS_PRE is a macro: the headroom every lws_write buffer needs before the payload. */
enum { CLWS_PRE = LWS_PRE };

/* lwsl_* are variadic macros over _lws_log: a fixed-arity wrapper Swift can call. */
static inline void clws_log(int level, const char *line) { _lws_log(level, "%s\n", line); }
#endif
