#ifndef CFCGI_SHIM_H
#define CFCGI_SHIM_H
/* fcgiapp.h only: fcgi_stdio.h redefines stdio and must never be included. */
#include <fcgiapp.h>
#endif
