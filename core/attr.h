/* attr.h - compiler attributes shared by every module */
#ifndef DEPAUDIT_CORE_ATTR_H
#define DEPAUDIT_CORE_ATTR_H

/*
 * DP_PRINTF(fmt, args): the function takes a printf format at parameter
 * fmt and its arguments from parameter args on (0 for a va_list).
 */
#if defined(__GNUC__) || defined(__clang__)
#define DP_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
#define DP_NORETURN __attribute__((noreturn))
#define DP_LIKELY(x) __builtin_expect(!!(x), 1)
#define DP_UNLIKELY(x) __builtin_expect(!!(x), 0)
#else
#define DP_PRINTF(fmt, args)
#define DP_NORETURN
#define DP_LIKELY(x) (x)
#define DP_UNLIKELY(x) (x)
#endif

#define DP_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

#endif
