#ifndef BACKFLOW_CNCURSES_SHIM_H
#define BACKFLOW_CNCURSES_SHIM_H
/* Wide-character curses: get_wch, cchar_t and UTF-8 output need these before the header. */
#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <ncursesw/curses.h>

/* Swift 6 rejects every read of the C globals stdscr/COLS/LINES/COLORS as shared mutable state,
   and cannot import the attribute macros: these wrappers are the only way the backend reaches them. */
static inline WINDOW *cnc_stdscr(void) { return stdscr; }
static inline int cnc_cols(void) { return COLS; }
static inline int cnc_lines(void) { return LINES; }
static inline int cnc_colors(void) { return COLORS; }
static inline int cnc_a_normal(void) { return (int)A_NORMAL; }
static inline int cnc_a_bold(void) { return (int)A_BOLD; }
static inline int cnc_a_reverse(void) { return (int)A_REVERSE; }
static inline int cnc_a_underline(void) { return (int)A_UNDERLINE; }
static inline int cnc_a_dim(void) { return (int)A_DIM; }
static inline int cnc_color_pair(int pair) { return (int)COLOR_PAIR(pair); }
static inline void cnc_set_utf8_locale(void) { setlocale(LC_ALL, ""); }
/* The mouse masks are function-like macros Swift cannot import. */
static inline mmask_t cnc_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline mmask_t cnc_button4_pressed(void) { return BUTTON4_PRESSED; }
static inline mmask_t cnc_button5_pressed(void) { return BUTTON5_PRESSED; }
#endif
