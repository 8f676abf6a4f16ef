/* The bare FastCGI anchor of docs/performance.md: a single-threaded libfcgi responder that answers every request
 * with the same bytes (the file named on the command line, read once) as application/json. Started spawn-fcgi
 * style: N copies share one listening unix socket on fd 0. Build: cc -O2 -o responder responder.c -lfcgi */
#include <fcgiapp.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
    if (argc != 2) { fprintf(stderr, "usage: %s BODY_FILE\n", argv[0]); return 2; }
    FILE *file = fopen(argv[1], "rb");
    if (file == NULL) { perror(argv[1]); return 1; }
    static char body[65536];
    size_t length = fread(body, 1, sizeof body, file);
    fclose(file);
    char header[128];
    int header_length = snprintf(header, sizeof header,
                                 "Status: 200 OK\r\nContent-Type: application/json\r\nContent-Length: %lu\r\n\r\n",
                                 (unsigned long)length);
    FCGX_Stream *in, *out, *err;
    FCGX_ParamArray envp;
    while (FCGX_Accept(&in, &out, &err, &envp) >= 0) {
        FCGX_PutStr(header, header_length, out);
        FCGX_PutStr(body, (int)length, out);
        FCGX_Finish();
    }
    return 0;
}
