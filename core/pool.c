/* pool.c - worker threads with ordered results; see pool.h */
#include "core/pool.h"

#include <assert.h>
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

#include "core/xalloc.h"

struct slot {
	void *job;
	bool done;
};

struct pool {
	struct pool_ops ops;
	unsigned nthreads;
	pthread_t *threads;
	void *inline_state; /* the state of a pool without threads */
	pthread_mutex_t lock;
	pthread_cond_t work_ready; /* a job waits for a worker, or stop */
	pthread_cond_t job_done;
	/* A ring of the jobs not yet taken back, oldest at head. */
	struct slot *ring;
	unsigned size;
	unsigned head;     /* oldest unreturned */
	unsigned count;    /* unreturned jobs */
	unsigned next_run; /* ring index of the next job to start */
	unsigned waiting;  /* jobs submitted, not yet started */
	unsigned watch;    /* the slot whose end the caller waits for */
	bool watching;
	bool stop;
};

unsigned
pool_cores(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n < 1 ? 1 : n > 256 ? 256 : (unsigned)n;
}

static void *
worker(void *arg)
{
	struct pool *p = arg;
	void *state = p->ops.state_new ? p->ops.state_new(p->ops.ud) : NULL;

	pthread_mutex_lock(&p->lock);
	for (;;) {
		struct slot *s;

		while (!p->waiting && !p->stop)
			pthread_cond_wait(&p->work_ready, &p->lock);
		if (!p->waiting)
			break;
		s = &p->ring[p->next_run];
		p->next_run = (p->next_run + 1) % p->size;
		p->waiting--;
		pthread_mutex_unlock(&p->lock);
		p->ops.work(s->job, state, p->ops.ud);
		pthread_mutex_lock(&p->lock);
		s->done = true;
		if (p->watching && (unsigned)(s - p->ring) == p->watch)
			pthread_cond_signal(&p->job_done);
	}
	pthread_mutex_unlock(&p->lock);
	if (p->ops.state_free)
		p->ops.state_free(state);
	return NULL;
}

struct pool *
pool_new(unsigned nthreads, const struct pool_ops *ops)
{
	struct pool *p = xcalloc(1, sizeof(*p));
	unsigned i;

	p->ops = *ops;
	p->nthreads = nthreads ? nthreads : 1;
	/* Enough work in flight to keep every worker busy while the
	 * caller reads the next files. */
	p->size = p->nthreads * 16;
	p->ring = xcalloc(p->size, sizeof(*p->ring));
	if (p->nthreads == 1) {
		p->inline_state =
			ops->state_new ? ops->state_new(ops->ud) : NULL;
		return p;
	}
	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->work_ready, NULL);
	pthread_cond_init(&p->job_done, NULL);
	p->threads = xcalloc(p->nthreads, sizeof(*p->threads));
	for (i = 0; i < p->nthreads; i++) {
		if (pthread_create(&p->threads[i], NULL, worker, p) != 0)
			abort(); /* out of threads is out of resources */
	}
	return p;
}

bool
pool_full(const struct pool *p)
{
	return p->count == p->size;
}

void
pool_submit(struct pool *p, void *job)
{
	struct slot *s;

	assert(!pool_full(p));
	if (p->nthreads == 1) {
		s = &p->ring[(p->head + p->count) % p->size];
		s->job = job;
		p->ops.work(job, p->inline_state, p->ops.ud);
		s->done = true;
		p->count++;
		return;
	}
	pthread_mutex_lock(&p->lock);
	s = &p->ring[(p->head + p->count) % p->size];
	s->job = job;
	s->done = false;
	p->count++;
	p->waiting++;
	pthread_cond_signal(&p->work_ready);
	pthread_mutex_unlock(&p->lock);
}

void *
pool_next(struct pool *p, bool wait)
{
	struct slot *s;
	void *job = NULL;

	if (p->nthreads == 1) {
		if (!p->count)
			return NULL;
		job = p->ring[p->head].job;
		p->head = (p->head + 1) % p->size;
		p->count--;
		return job;
	}
	pthread_mutex_lock(&p->lock);
	if (wait && p->count && !p->ring[p->head].done) {
		/* Sleep until the oldest job and the one half the queue
		 * further on are done: the caller then takes back many jobs
		 * per wake-up, and the workers go on meanwhile. */
		unsigned far = (p->head + p->count / 2) % p->size;

		p->watching = true;
		while (!p->ring[far].done || !p->ring[p->head].done) {
			p->watch = p->ring[far].done ? p->head : far;
			pthread_cond_wait(&p->job_done, &p->lock);
		}
		p->watching = false;
	}
	s = &p->ring[p->head];
	if (p->count && s->done) {
		job = s->job;
		p->head = (p->head + 1) % p->size;
		p->count--;
	}
	pthread_mutex_unlock(&p->lock);
	return job;
}

void
pool_free(struct pool *p)
{
	unsigned i;

	if (!p)
		return;
	if (p->nthreads > 1) {
		pthread_mutex_lock(&p->lock);
		p->stop = true;
		pthread_cond_broadcast(&p->work_ready);
		pthread_mutex_unlock(&p->lock);
		for (i = 0; i < p->nthreads; i++)
			pthread_join(p->threads[i], NULL);
		pthread_mutex_destroy(&p->lock);
		pthread_cond_destroy(&p->work_ready);
		pthread_cond_destroy(&p->job_done);
		free(p->threads);
	} else if (p->ops.state_free) {
		p->ops.state_free(p->inline_state);
	}
	free(p->ring);
	free(p);
}
