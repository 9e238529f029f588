#ifndef BACKFLOW_CLIBPQ_SHIM_H
#define BACKFLOW_CLIBPQ_SHIM_H
#include <libpq-fe.h>
#endif
