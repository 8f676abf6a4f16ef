/* The latency client of bench/ws_latency.py: N WebSockets to one Cohorta session room on one lws context and one
 * thread, cheap enough per frame to take in 2,000 sockets × 20 turns/s on the same box (ws_fanout.py's asyncio
 * client cannot).
 *
 * Every socket sends {"type":"auth","token":…}, waits for hello, sends {"type":"join","session_id":…,"after_seq":…}
 * and waits for joined (at most IN_FLIGHT handshakes at a time). When every socket has joined or failed it prints
 * "ready JOINED FAILED" on stdout. From then on it records, per socket, the seq of every turn.final and the
 * CLOCK_REALTIME time its last fragment was read (no JSON parsing: the frame ends with "type":"turn.final" and its
 * last "seq": is the turn's). When every socket still open has received LAST_SEQ it prints "complete T_NS". On SIGTERM,
 * SIGINT or end of stdin it writes the records to the dump file as little-endian {u32 conn, u32 seq, i64 t_ns} in
 * receipt order per connection, prints "done …" (counts and its own CPU seconds) and exits.
 *
 * The token comes from $BENCH_WS_TOKEN (not argv: argv is visible in ps). Build:
 *   cc -O2 -Wall -Wextra -o ws_client ws_client.c $(pkg-config --cflags --libs libwebsockets)
 * Usage: ws_client -a ADDRESS -p PORT -s SESSION_ID -q AFTER_SEQ -l LAST_SEQ -n CONNECTIONS -m MAX_TURNS -o DUMP
 *                  [-P PATH] [-H HOST] [-O ORIGIN] [-f IN_FLIGHT] [-v]
 * ADDRESS "+/path/ws.sock" connects over a unix socket (straight to cohorta-ws, bypassing nginx). */
#define _GNU_SOURCE /* memmem */
#include <libwebsockets.h>

#include <errno.h>
#include <inttypes.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

enum { TAIL_SIZE = 192, FRAME_SIZE = 4096, STOP_CHECK_US = 50 * 1000 };

enum conn_state { IDLE, CONNECTING, SEND_AUTH, AWAIT_HELLO, SEND_JOIN, AWAIT_JOINED, JOINED, FAILED, CLOSED };

struct record {
    uint32_t seq;
    int64_t t_ns;
};

struct conn {
    struct lws *wsi;
    uint32_t index;
    enum conn_state state;
    char tail[TAIL_SIZE]; /* the last bytes of the message being read (they hold its type and seq) */
    size_t tail_len;
    struct record *records; /* MAX_TURNS, preallocated */
    uint32_t count;
    uint32_t overflow;
    uint16_t close_code; /* the server's, if it closed */
};

struct options {
    const char *address, *path, *host, *origin, *session_id, *token, *dump;
    int port;
    long after_seq, last_seq;
    uint32_t connections, max_turns, in_flight;
    int verbose; /* -v: print every frame a joined socket gets that is not a turn.final */
};

/* Service thread only, except `stop_requested` (set by the signal handler). */
static struct {
    struct options opt;
    struct lws_context *context;
    struct conn *conns;
    uint32_t next_to_open, handshaking, joined, failed, closed_after_join, other_frames, bad_frames, complete;
    int ready_printed, complete_printed;
    lws_sorted_usec_list_t stop_check;
    volatile sig_atomic_t stop_requested;
    int stopping;
} run;

static int64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static void on_signal(int signo) {
    (void)signo;
    run.stop_requested = 1;
}

/* True once stdin is at end of file (the driver closed its end of the pipe). */
static int stdin_closed(void) {
    struct pollfd pfd = {.fd = 0, .events = POLLIN};
    if (poll(&pfd, 1, 0) <= 0)
        return 0;
    char sink[256];
    ssize_t got = read(0, sink, sizeof sink);
    return got == 0 || (got < 0 && errno != EAGAIN && errno != EINTR);
}

static void maybe_ready(void) {
    if (run.ready_printed || run.joined + run.failed < run.opt.connections)
        return;
    run.ready_printed = 1;
    printf("ready %" PRIu32 " %" PRIu32 "\n", run.joined, run.failed);
    fflush(stdout);
}

static void open_next(void) {
    while (run.handshaking < run.opt.in_flight && run.next_to_open < run.opt.connections) {
        struct conn *c = &run.conns[run.next_to_open++];
        struct lws_client_connect_info info;
        memset(&info, 0, sizeof info);
        info.context = run.context;
        info.address = run.opt.address;
        info.port = run.opt.port;
        info.path = run.opt.path;
        info.host = run.opt.host;
        info.origin = run.opt.origin;
        info.local_protocol_name = "cohorta-bench";
        info.ietf_version_or_minus_one = -1;
        info.opaque_user_data = c;
        info.pwsi = &c->wsi;
        c->state = CONNECTING;
        run.handshaking++;
        if (lws_client_connect_via_info(&info) == NULL && c->state == CONNECTING) {
            c->state = FAILED;
            run.handshaking--;
            run.failed++;
        }
    }
    maybe_ready();
}

/* A socket left the handshake (joined, or failed before joining): let another one start. */
static void handshake_ended(struct conn *c, enum conn_state state) {
    c->state = state;
    run.handshaking--;
    if (state == JOINED)
        run.joined++;
    else
        run.failed++;
    open_next();
}

static int send_text(struct lws *wsi, const char *text, size_t length) {
    unsigned char frame[LWS_PRE + FRAME_SIZE];
    if (length > FRAME_SIZE)
        return -1;
    memcpy(frame + LWS_PRE, text, length);
    return lws_write(wsi, frame + LWS_PRE, length, LWS_WRITE_TEXT) < (int)length ? -1 : 0;
}

static int write_pending(struct conn *c) {
    char text[FRAME_SIZE];
    int length;
    if (c->state == SEND_AUTH) {
        length = snprintf(text, sizeof text, "{\"type\":\"auth\",\"token\":\"%s\"}", run.opt.token);
        c->state = AWAIT_HELLO;
    } else if (c->state == SEND_JOIN) {
        length = snprintf(text, sizeof text, "{\"type\":\"join\",\"session_id\":\"%s\",\"after_seq\":%ld}",
                          run.opt.session_id, run.opt.after_seq);
        c->state = AWAIT_JOINED;
    } else {
        return 0;
    }
    if (length < 0 || (size_t)length >= sizeof text)
        return -1;
    return send_text(c->wsi, text, (size_t)length);
}

/* Keeps the last TAIL_SIZE bytes of the message being read. */
static void keep_tail(struct conn *c, const char *in, size_t len) {
    if (len >= TAIL_SIZE) {
        memcpy(c->tail, in + len - TAIL_SIZE, TAIL_SIZE);
        c->tail_len = TAIL_SIZE;
        return;
    }
    if (c->tail_len + len > TAIL_SIZE) {
        size_t drop = c->tail_len + len - TAIL_SIZE;
        memmove(c->tail, c->tail + drop, c->tail_len - drop);
        c->tail_len -= drop;
    }
    memcpy(c->tail + c->tail_len, in, len);
    c->tail_len += len;
}

static int tail_has(const struct conn *c, const char *needle) {
    return memmem(c->tail, c->tail_len, needle, strlen(needle)) != NULL;
}

/* The number after the last "seq": in the tail, or -1. */
static long last_seq(const struct conn *c) {
    static const char key[] = "\"seq\":";
    const char *found = NULL, *from = c->tail, *end = c->tail + c->tail_len;
    for (const char *at; (at = memmem(from, (size_t)(end - from), key, sizeof key - 1)) != NULL; from = at + 1)
        found = at;
    if (found == NULL)
        return -1;
    long seq = 0;
    const char *digit = found + sizeof key - 1;
    if (digit >= end || *digit < '0' || *digit > '9')
        return -1;
    for (; digit < end && *digit >= '0' && *digit <= '9' && seq < 1000000000L; digit++)
        seq = seq * 10 + (*digit - '0');
    return seq;
}

/* Says "complete" once every socket still open has received LAST_SEQ. */
static void maybe_complete(int64_t at) {
    if (run.complete_printed || run.complete == 0 || run.complete + run.closed_after_join < run.joined)
        return;
    run.complete_printed = 1;
    printf("complete %" PRId64 "\n", at);
    fflush(stdout);
}

static void record_turn(struct conn *c, int64_t at) {
    long seq = last_seq(c);
    if (seq < 0) {
        run.bad_frames++;
        return;
    }
    if (c->count == run.opt.max_turns) {
        c->overflow++;
        return;
    }
    c->records[c->count++] = (struct record){.seq = (uint32_t)seq, .t_ns = at};
    if (seq == run.opt.last_seq) {
        run.complete++;
        maybe_complete(at);
    }
}

/* A whole message has been read (its tail is in c->tail). */
static void message_received(struct conn *c, int64_t at) {
    static const char turn_final[] = "\"type\":\"turn.final\"}";
    size_t n = sizeof turn_final - 1;
    if (c->tail_len >= n && memcmp(c->tail + c->tail_len - n, turn_final, n) == 0) {
        record_turn(c, at);
    } else if (c->state == AWAIT_HELLO && tail_has(c, "\"type\":\"hello\"")) {
        c->state = SEND_JOIN;
        lws_callback_on_writable(c->wsi);
    } else if (c->state == AWAIT_JOINED && tail_has(c, "\"type\":\"joined\"")) {
        handshake_ended(c, JOINED);
    } else {
        if (c->state == JOINED && run.opt.verbose)
            lwsl_warn("conn %u: …%.*s\n", c->index, (int)c->tail_len, c->tail);
        run.other_frames++;
    }
    c->tail_len = 0;
}

static void connection_lost(struct conn *c, const char *why) {
    if (c == NULL)
        return;
    if (c->state == JOINED) {
        c->state = CLOSED;
        if (!run.stopping) {
            lwsl_warn("conn %u: %s after joining, %u turns in\n", c->index, why, c->count);
            run.closed_after_join++;
            maybe_complete(now_ns());
        }
    } else if (c->state != FAILED && c->state != CLOSED && c->state != IDLE) {
        lwsl_warn("conn %u: %s before joining\n", c->index, why);
        handshake_ended(c, FAILED);
    }
    c->wsi = NULL;
}

/* Service thread. */
static int callback(struct lws *wsi, enum lws_callback_reasons reason, void *user, void *in, size_t len) {
    (void)user;
    struct conn *c = lws_get_opaque_user_data(wsi);
    switch (reason) {
    case LWS_CALLBACK_CLIENT_ESTABLISHED:
        c->state = SEND_AUTH;
        lws_callback_on_writable(wsi);
        break;
    case LWS_CALLBACK_CLIENT_WRITEABLE:
        if (write_pending(c) != 0)
            return -1;
        break;
    case LWS_CALLBACK_CLIENT_RECEIVE: {
        keep_tail(c, in, len);
        if (lws_is_final_fragment(wsi))
            message_received(c, now_ns());
        break;
    }
    case LWS_CALLBACK_CLIENT_CONNECTION_ERROR:
        connection_lost(c, in != NULL ? (const char *)in : "connection error");
        break;
    case LWS_CALLBACK_WS_PEER_INITIATED_CLOSE:
        if (c != NULL && len >= 2)
            c->close_code = (uint16_t)(((const unsigned char *)in)[0] << 8 | ((const unsigned char *)in)[1]);
        break;
    case LWS_CALLBACK_CLIENT_CLOSED: {
        char why[32];
        snprintf(why, sizeof why, "closed (%u)", c != NULL ? c->close_code : 0);
        connection_lost(c, why);
        break;
    }
    default:
        break;
    }
    return 0;
}

/* Service thread: every 50 ms, whether the driver asked us to stop. */
static void check_stop(lws_sorted_usec_list_t *sul) {
    if (run.stop_requested || stdin_closed()) {
        run.stopping = 1;
        lws_cancel_service(run.context);
        return;
    }
    lws_sul_schedule(run.context, 0, sul, check_stop, STOP_CHECK_US);
}

static int write_dump(const char *path, uint64_t *total, uint64_t *overflow) {
    FILE *out = fopen(path, "wb");
    if (out == NULL) {
        perror(path);
        return -1;
    }
    for (uint32_t i = 0; i < run.opt.connections; i++) {
        const struct conn *c = &run.conns[i];
        for (uint32_t k = 0; k < c->count; k++) {
            unsigned char row[16];
            uint32_t conn = i, seq = c->records[k].seq;
            int64_t t = c->records[k].t_ns;
            memcpy(row, &conn, 4); /* x86-64 and arm64 are little-endian, as the dump format is */
            memcpy(row + 4, &seq, 4);
            memcpy(row + 8, &t, 8);
            fwrite(row, sizeof row, 1, out);
        }
        *total += c->count;
        *overflow += c->overflow;
    }
    return fclose(out) == 0 ? 0 : -1;
}

static int parse_options(int argc, char **argv, struct options *o) {
    *o = (struct options){.path = "/ws", .in_flight = 100, .port = 80, .token = getenv("BENCH_WS_TOKEN")};
    for (int opt; (opt = getopt(argc, argv, "a:p:P:H:O:s:q:l:n:m:o:f:v")) != -1;) {
        switch (opt) {
        case 'a': o->address = optarg; break;
        case 'p': o->port = atoi(optarg); break;
        case 'P': o->path = optarg; break;
        case 'H': o->host = optarg; break;
        case 'O': o->origin = optarg; break;
        case 's': o->session_id = optarg; break;
        case 'q': o->after_seq = atol(optarg); break;
        case 'l': o->last_seq = atol(optarg); break;
        case 'n': o->connections = (uint32_t)strtoul(optarg, NULL, 10); break;
        case 'm': o->max_turns = (uint32_t)strtoul(optarg, NULL, 10); break;
        case 'o': o->dump = optarg; break;
        case 'f': o->in_flight = (uint32_t)strtoul(optarg, NULL, 10); break;
        case 'v': o->verbose = 1; break;
        default: return -1;
        }
    }
    if (o->host == NULL)
        o->host = o->address;
    return o->address && o->session_id && o->token && o->dump && o->connections > 0 && o->max_turns > 0 &&
                   o->in_flight > 0 && strlen(o->token) < FRAME_SIZE - 64
               ? 0
               : -1;
}

static int allocate_conns(void) {
    run.conns = calloc(run.opt.connections, sizeof *run.conns);
    if (run.conns == NULL)
        return -1;
    for (uint32_t i = 0; i < run.opt.connections; i++) {
        run.conns[i].index = i;
        run.conns[i].records = calloc(run.opt.max_turns, sizeof(struct record));
        if (run.conns[i].records == NULL)
            return -1;
    }
    return 0;
}

static void free_conns(void) {
    if (run.conns == NULL)
        return;
    for (uint32_t i = 0; i < run.opt.connections; i++)
        free(run.conns[i].records);
    free(run.conns);
}

static struct lws_context *create_context(void) {
    static const struct lws_protocols protocols[] = {
        {.name = "cohorta-bench", .callback = callback, .rx_buffer_size = 8192}, {NULL, NULL, 0, 0, 0, NULL, 0}};
    struct rlimit limit;
    if (getrlimit(RLIMIT_NOFILE, &limit) == 0) {
        limit.rlim_cur = limit.rlim_max;
        setrlimit(RLIMIT_NOFILE, &limit);
    }
    struct lws_context_creation_info info;
    memset(&info, 0, sizeof info);
    info.port = CONTEXT_PORT_NO_LISTEN;
    info.protocols = protocols;
    /* No fd_limit_per_thread: below the process limit it switches lws to a linear fd → wsi lookup, O(N) per event.
     * The default sizes the table from RLIMIT_NOFILE, raised above. */
    return lws_create_context(&info);
}

/* User and system CPU seconds of this process so far. */
static void cpu_seconds(double *user, double *sys) {
    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    *user = (double)usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6;
    *sys = (double)usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

int main(int argc, char **argv) {
    if (parse_options(argc, argv, &run.opt) != 0) {
        fprintf(stderr, "usage: BENCH_WS_TOKEN=… %s -a ADDRESS -p PORT -s SESSION_ID -q AFTER_SEQ -l LAST_SEQ "
                        "-n CONNECTIONS -m MAX_TURNS -o DUMP [-P PATH] [-H HOST] [-O ORIGIN] [-f IN_FLIGHT] [-v]\n",
                argv[0]);
        return 2;
    }
    signal(SIGTERM, on_signal);
    signal(SIGINT, on_signal);
    signal(SIGPIPE, SIG_IGN);
    lws_set_log_level(LLL_ERR | LLL_WARN, NULL);
    int status = 1;
    if (allocate_conns() != 0) {
        fprintf(stderr, "out of memory for %" PRIu32 " connections\n", run.opt.connections);
        goto out;
    }
    run.context = create_context();
    if (run.context == NULL) {
        fprintf(stderr, "lws_create_context failed\n");
        goto out;
    }
    lws_sul_schedule(run.context, 0, &run.stop_check, check_stop, STOP_CHECK_US);
    open_next();
    while (!run.stopping && lws_service(run.context, 0) >= 0) {
    }
    double user, sys;
    cpu_seconds(&user, &sys);
    uint64_t total = 0, overflow = 0;
    status = write_dump(run.opt.dump, &total, &overflow) == 0 ? 0 : 1;
    printf("done joined=%" PRIu32 " failed=%" PRIu32 " closed=%" PRIu32 " records=%" PRIu64 " overflow=%" PRIu64
           " other=%" PRIu32 " bad=%" PRIu32 " user=%.3f sys=%.3f\n",
           run.joined, run.failed, run.closed_after_join, total, overflow, run.other_frames, run.bad_frames, user, sys);
    fflush(stdout);
    lws_sul_cancel(&run.stop_check);
    lws_context_destroy(run.context);
out:
    free_conns();
    return status;
}
