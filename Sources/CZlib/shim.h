#ifndef BACKFLOW_CZLIB_SHIM_H
#define BACKFLOW_CZLIB_SHIM_H
#include <zlib.h>
#endif
