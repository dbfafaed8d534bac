/* pool.h - a pool of worker threads that hands results back in order
 *
 * The caller submits jobs one by one; workers run them in any order; the
 * caller takes them back finished, in the order it submitted them, so
 * that what it prints is the same for any number of threads.  Each
 * worker has a state of its own (a scan context, say), made by
 * state_new() on the worker and freed by state_free().
 *
 * With one thread no thread is started: each job runs inside
 * pool_submit(), on the caller's thread.  Jobs are the caller's: the pool
 * only passes the pointers around.
 */
#ifndef DEPAUDIT_CORE_POOL_H
#define DEPAUDIT_CORE_POOL_H

#include <stdbool.h>

struct pool;

struct pool_ops {
	void *(*state_new)(void *ud);
	void (*state_free)(void *state);
	/* Run job with the worker's state. */
	void (*work)(void *job, void *state, void *ud);
	void *ud;
};

/* How many threads "all cores" means here (at least 1). */
unsigned pool_cores(void);
/* A pool of nthreads workers (1: none, work runs in pool_submit). */
struct pool *pool_new(unsigned nthreads, const struct pool_ops *ops);
/* Whether the pool holds as many unreturned jobs as it takes; the caller
 * then takes one back with pool_next(pool, true) before submitting. */
bool pool_full(const struct pool *p);
void pool_submit(struct pool *p, void *job);
/*
 * The oldest submitted job, once it is finished, or NULL: when none is
 * left, or (without wait) when the oldest is still running.
 */
void *pool_next(struct pool *p, bool wait);
/* Stop the workers; every job must have been taken back. */
void pool_free(struct pool *p);

#endif
