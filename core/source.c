/* source.c - sorted walk of a PATH; see source.h */
#define _DEFAULT_SOURCE /* d_type and DT_* of struct dirent */
#include "core/source.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/diag.h"
#include "core/scan.h"
#include "core/source_archive.h"
#include "core/strbuf.h"
#include "core/xalloc.h"

/* One directory being walked. */
struct frame {
	struct dirent **ents;
	int nents;
	int next;
	size_t rel_len; /* length of its path in src->rel */
	dev_t dev;
	ino_t ino;
};

/* A directory the walk met: open addressing on (dev, ino). */
struct dir_seen {
	dev_t dev;
	ino_t ino;
	bool used;
};

struct source {
	char *root;      /* PATH as given, trailing '/' dropped */
	char *real_root; /* root with every link resolved, or NULL */
	bool root_is_file;
	struct source_archive *archive; /* when PATH is an archive */
	source_want_fn *want;
	void *ud;
	struct frame *frames;
	size_t nframes, aframes;
	struct dir_seen *seen; /* every directory met; aseen is a power of 2 */
	size_t nseen, aseen;
	struct strbuf rel;  /* path of the current entry, relative */
	struct strbuf full; /* root + rel, for the system calls */
	struct strbuf data; /* bytes of the current file */
	bool defer;         /* hand out the files of the walk unread */
	unsigned nerrors;
	unsigned nfiles;
	bool done;
};

/* Besides these, any name that starts with ".venv" (.venv311, ...). */
static const char *const skipped_dirs[] = {
	".conda",       ".git",          ".hg",         ".nox",
	".pixi",        ".tox",          "__pycache__", "__pypackages__",
	"node_modules", "site-packages",
};

/* What a directory holding a Python environment lists: a venv's
 * pyvenv.cfg, a conda env's conda-meta/. */
static const struct env_marker {
	const char *name;
	bool is_dir;
} env_markers[] = {
	{"conda-meta", true},
	{"pyvenv.cfg", false},
};

bool
source_skip_dir(const char *name)
{
	size_t i;

	if (name[0] == '.' && !strncmp(name, ".venv", 5)) {
		return true;
	}
	/* Every directory is asked: look at the first byte first. */
	for (i = 0; i < sizeof(skipped_dirs) / sizeof(skipped_dirs[0]); i++) {
		if (name[0] == skipped_dirs[i][0] &&
		    !strcmp(name, skipped_dirs[i])) {
			return true;
		}
	}
	return false;
}

bool
source_env_marker(const char *name, bool is_dir)
{
	size_t i;

	for (i = 0; i < sizeof(env_markers) / sizeof(env_markers[0]); i++) {
		if (!strcmp(name, env_markers[i].name))
			return is_dir || !env_markers[i].is_dir;
	}
	return false;
}

static int
by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static int
no_dots(const struct dirent *d)
{
	return strcmp(d->d_name, ".") && strcmp(d->d_name, "..");
}

static void
set_full(struct source *src)
{
	strbuf_reset(&src->full);
	strbuf_addstr(&src->full, src->root);
	if (src->rel.len) {
		strbuf_addch(&src->full, '/');
		strbuf_add(&src->full, src->rel.buf, src->rel.len);
	}
}

static void
fail(struct source *src, const char *what, int err)
{
	struct diag_loc loc = {NULL, src->full.buf, 0, 0};

	diag_error(&loc, "%s: %s", what, strerror(err));
	src->nerrors++;
}

static size_t
dir_hash(dev_t dev, ino_t ino)
{
	uint64_t h = (uint64_t)ino ^ ((uint64_t)dev * 0x9e3779b97f4a7c15u);

	/* splitmix64's finaliser: inode numbers come in runs */
	h = (h ^ (h >> 30)) * 0xbf58476d1ce4e5b9u;
	h = (h ^ (h >> 27)) * 0x94d049bb133111ebu;
	return (size_t)(h ^ (h >> 31));
}

/* The slot of (dev, ino) in src->seen: its own, or the free one it would
 * take.  The table is never full. */
static struct dir_seen *
seen_slot(const struct source *src, dev_t dev, ino_t ino)
{
	size_t mask = src->aseen - 1, i = dir_hash(dev, ino) & mask;

	while (src->seen[i].used &&
	       (src->seen[i].dev != dev || src->seen[i].ino != ino)) {
		i = (i + 1) & mask;
	}
	return &src->seen[i];
}

/* Make room for one more directory, keeping the table at most half full. */
static void
seen_grow(struct source *src)
{
	struct dir_seen *old = src->seen;
	size_t nold = src->aseen, i;

	if (2 * (src->nseen + 1) <= src->aseen) {
		return;
	}
	src->aseen = nold ? 2 * nold : 64;
	src->seen = xcalloc(src->aseen, sizeof(*src->seen));
	for (i = 0; i < nold; i++) {
		if (old[i].used) {
			*seen_slot(src, old[i].dev, old[i].ino) = old[i];
		}
	}
	free(old);
}

static int
name_in_listing(const void *key, const void *ent)
{
	return strcmp(key, (*(const struct dirent *const *)ent)->d_name);
}

/* Whether the listing f holds marker m, so that its directory holds a
 * Python environment. */
static bool
lists_marker(struct source *src, const struct frame *f,
	     const struct env_marker *m)
{
	struct dirent **hit;
	struct stat st;
	size_t len;
	bool is_dir;

	hit = bsearch(m->name, f->ents, (size_t)f->nents, sizeof(*f->ents),
		      name_in_listing);
	if (!hit) {
		return false;
	}
	if (!m->is_dir) {
		return true;
	}
#ifdef DT_DIR
	if ((*hit)->d_type == DT_DIR) {
		return true;
	}
	if ((*hit)->d_type != DT_UNKNOWN && (*hit)->d_type != DT_LNK) {
		return false;
	}
#endif
	/* A symbolic link, or a file system that does not say: ask. */
	len = src->full.len;
	strbuf_addch(&src->full, '/');
	strbuf_addstr(&src->full, m->name);
	is_dir = stat(src->full.buf, &st) == 0 && S_ISDIR(st.st_mode);
	strbuf_setlen(&src->full, len);
	return is_dir;
}

/* Whether the directory listed in f holds a Python environment. */
static bool
is_environment(struct source *src, const struct frame *f)
{
	size_t i;

	for (i = 0; i < sizeof(env_markers) / sizeof(env_markers[0]); i++) {
		if (lists_marker(src, f, &env_markers[i])) {
			return true;
		}
	}
	return false;
}

static void
free_listing(struct frame *f)
{
	int i;

	for (i = 0; i < f->nents; i++) {
		free(f->ents[i]);
	}
	free(f->ents);
}

/* Whether the directory st is one being walked: asked only of one met
 * before, so that the stack is searched only for a second path. */
static bool
is_walking(const struct source *src, const struct stat *st)
{
	size_t i;

	for (i = 0; i < src->nframes; i++) {
		if (src->frames[i].dev == st->st_dev &&
		    src->frames[i].ino == st->st_ino) {
			return true;
		}
	}
	return false;
}

/*
 * Enter the directory at src->full (relative path src->rel), unless the
 * walk met it before: one being walked is a loop (warned about), one
 * walked already through another path is skipped quietly.  Below the
 * root, a directory holding a Python environment is skipped quietly too.
 */
static void
push_dir(struct source *src, const struct stat *st)
{
	struct dir_seen *seen;
	struct frame *f;

	seen_grow(src);
	seen = seen_slot(src, st->st_dev, st->st_ino);
	if (seen->used) {
		if (is_walking(src, st)) {
			struct diag_loc loc = {NULL, src->full.buf, 0, 0};
			diag_warning(&loc, "symbolic link loop; not followed");
		}
		return;
	}
	/* Met once, whatever comes of it: a directory that cannot be read
	 * is reported once too. */
	seen->used = true;
	seen->dev = st->st_dev;
	seen->ino = st->st_ino;
	src->nseen++;
	XGROW(src->frames, src->nframes + 1, src->aframes);
	f = &src->frames[src->nframes];
	f->nents = scandir(src->full.buf, &f->ents, no_dots, by_name);
	if (f->nents < 0) {
		fail(src, "cannot read directory", errno);
		return;
	}
	if (src->nframes && is_environment(src, f)) {
		free_listing(f);
		return;
	}
	f->next = 0;
	f->rel_len = src->rel.len;
	f->dev = st->st_dev;
	f->ino = st->st_ino;
	src->nframes++;
}

static void
pop_dir(struct source *src)
{
	struct frame *f = &src->frames[--src->nframes];

	free_listing(f);
}

/* The file just read, at src->rel. */
static int
hand_out(struct source *src, struct file_view *fv)
{
	fv->archive = NULL;
	fv->path = src->rel.buf;
	fv->data = strbuf_str(&src->data);
	fv->len = src->data.len;
	return 1;
}

/* Format one diagnostic about path into err: what, and the text of
 * errnum unless it is 0.  strerror_r(): this runs on worker threads. */
static void
read_problem(struct strbuf *err, enum diag_level level, const char *path,
	     const char *what, int errnum)
{
	struct diag_loc loc = {NULL, path, 0, 0};
	struct strbuf msg = STRBUF_INIT;
	char text[256];

	strbuf_addstr(&msg, what);
	if (errnum) {
		if (strerror_r(errnum, text, sizeof(text)) != 0)
			snprintf(text, sizeof(text), "error %d", errnum);
		strbuf_addf(&msg, ": %s", text);
	}
	diag_format(err, level, &loc, msg.buf);
	strbuf_release(&msg);
}

static void
too_large(struct strbuf *err, const char *path, const char *how)
{
	char what[80];

	snprintf(what, sizeof(what), "file %s %d MiB; skipped", how,
		 SOURCE_MAX_FILE / (1024 * 1024));
	read_problem(err, DIAG_ERROR, path, what, 0);
}

/*
 * Read the regular file at path into data, replacing what it held: 0; 1
 * when it is no regular file (skipped with a warning); -1 on an error.
 * The problem goes into err as diag_format() writes it.  Safe on any
 * thread; the caller counts what it read.
 */
static int
source_read(const char *path, struct strbuf *data, struct strbuf *err)
{
	struct stat st;
	int fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK);
	int ret = -1;

	if (fd < 0) {
		read_problem(err, DIAG_ERROR, path, "cannot open", errno);
		return -1;
	}
	if (fstat(fd, &st) < 0) {
		read_problem(err, DIAG_ERROR, path, "cannot stat", errno);
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		read_problem(err, DIAG_WARNING, path,
			     "not a regular file; skipped", 0);
		ret = 1;
		goto out;
	}
	if (st.st_size > SOURCE_MAX_FILE) {
		too_large(err, path, "is larger than");
		goto out;
	}
	strbuf_reset(data);
	strbuf_grow(data, (size_t)st.st_size);
	for (;;) {
		ssize_t n;

		/* One read: stop at the size fstat() gave rather than read
		 * again to see the end (a file that says 0, as in /proc, is
		 * read to its end). */
		if (st.st_size > 0 && data->len >= (size_t)st.st_size)
			break;
		strbuf_grow(data, 4096);
		n = read(fd, data->buf + data->len,
			 data->alloc - data->len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			read_problem(err, DIAG_ERROR, path, "cannot read",
				     errno);
			goto out;
		}
		if (n == 0)
			break;
		data->len += (size_t)n;
		if (data->len > SOURCE_MAX_FILE) {
			too_large(err, path, "grew past");
			goto out;
		}
	}
	data->buf[data->len] = '\0';
	ret = 0;
out:
	close(fd);
	return ret;
}

/* Read src->full into src->data, diagnosing and counting; 0 on success. */
static int
read_file(struct source *src)
{
	struct strbuf err = STRBUF_INIT;
	int ret = source_read(src->full.buf, &src->data, &err);

	diag_print(&err);
	strbuf_release(&err);
	if (ret == 0)
		src->nfiles++;
	else if (ret < 0)
		src->nerrors++;
	return ret;
}

/* A wanted file at src->rel: read it unless reads are deferred. */
static int
take_file(struct source *src, struct file_view *fv)
{
	if (src->defer) {
		fv->archive = NULL;
		fv->path = src->rel.buf;
		fv->data = NULL;
		fv->len = 0;
		return 1;
	}
	return read_file(src) == 0 ? hand_out(src, fv) : 0;
}

/* Whether the regular file at src->root starts like an archive. */
static bool
is_archive(const struct source *src)
{
	unsigned char head[512];
	ssize_t n;
	int fd = open(src->root, O_RDONLY | O_NOCTTY | O_NONBLOCK);
	struct stat st;

	if (fd < 0)
		return false;
	n = fstat(fd, &st) == 0 && S_ISREG(st.st_mode)
		    ? read(fd, head, sizeof(head))
		    : -1;
	close(fd);
	return n > 0 && source_archive_sniff(head, (size_t)n);
}

struct source *
source_open(const char *path, const struct source_limits *limits,
	    source_want_fn *want, void *ud)
{
	struct source *src = xcalloc(1, sizeof(*src));
	size_t len = strlen(path);
	struct stat st;

	while (len > 1 && path[len - 1] == '/')
		len--;
	src->root = xstrndup(path, len);
	src->want = want;
	src->ud = ud;
	set_full(src);
	if (stat(src->root, &st) < 0) {
		fail(src, "cannot read", errno);
		source_free(src);
		return NULL;
	}
	if (S_ISDIR(st.st_mode)) {
		src->real_root = realpath(src->root, NULL);
		push_dir(src, &st);
		if (!src->nframes) {
			source_free(src);
			return NULL;
		}
	} else if (is_archive(src)) {
		struct source_limits defaults = SOURCE_LIMITS_DEFAULT;

		src->archive = source_archive_open(src->root, src->root,
						   limits ? limits : &defaults,
						   want, ud);
		if (!src->archive) {
			source_free(src);
			return NULL;
		}
	} else if (source_archive_suffix(src->root) && S_ISREG(st.st_mode)) {
		struct diag_loc loc = {NULL, src->root, 0, 0};

		diag_error(&loc, "not an archive, by its content");
		source_free(src);
		return NULL;
	} else {
		src->root_is_file = true;
	}
	return src;
}

/*
 * Whether the entry d at src->full is a symbolic link whose target lies
 * outside the tree: nothing outside PATH is read.  A dangling link is
 * not out (stat() then says what it is).
 */
static bool
leads_out(const struct source *src, const struct dirent *d)
{
	struct stat st;
	char *real;
	size_t n;
	bool out;

#ifdef DT_LNK
	if (d->d_type != DT_LNK && d->d_type != DT_UNKNOWN)
		return false;
#endif
	(void)d;
	if (!src->real_root || lstat(src->full.buf, &st) < 0 ||
	    !S_ISLNK(st.st_mode))
		return false;
	real = realpath(src->full.buf, NULL);
	if (!real)
		return false;
	n = strlen(src->real_root);
	out = !(strncmp(real, src->real_root, n) == 0 &&
		(real[n] == '/' || real[n] == '\0' ||
		 (n == 1 && src->real_root[0] == '/')));
	free(real);
	return out;
}

static int
next_in_tree(struct source *src, struct file_view *fv)
{
	while (src->nframes) {
		struct frame *f = &src->frames[src->nframes - 1];
		const struct dirent *d;
		struct stat st;

		if (f->next == f->nents) {
			pop_dir(src);
			continue;
		}
		d = f->ents[f->next++];
		strbuf_setlen(&src->rel, f->rel_len);
		if (src->rel.len)
			strbuf_addch(&src->rel, '/');
		strbuf_addstr(&src->rel, d->d_name);
		set_full(src);
#ifdef DT_REG
		/* A regular file needs no stat(): read_file() checks what it
		 * opened. */
		if (d->d_type == DT_REG) {
			if (src->want(src->rel.buf, src->ud) &&
			    take_file(src, fv))
				return 1;
			continue;
		}
#endif
		if (leads_out(src, d)) {
			struct diag_loc loc = {NULL, src->full.buf, 0, 0};

			/* worth a word when it names a directory, or a file
			 * we would have read */
			if ((stat(src->full.buf, &st) == 0 &&
			     S_ISDIR(st.st_mode)) ||
			    src->want(src->rel.buf, src->ud))
				diag_warning(&loc, "symbolic link out of the "
						   "tree; not followed");
			continue;
		}
		if (stat(src->full.buf, &st) < 0) {
			/* A dangling link is only worth a word when it names
			 * a file we would have read; a loop always is. */
			if (errno == ELOOP || src->want(src->rel.buf, src->ud))
				fail(src, "cannot read", errno);
			continue;
		}
		if (S_ISDIR(st.st_mode)) {
			if (!source_skip_dir(d->d_name)) {
				push_dir(src, &st);
			}
			continue;
		}
		if (src->want(src->rel.buf, src->ud) && take_file(src, fv))
			return 1;
	}
	return 0;
}

int
source_next(struct source *src, struct file_view *fv)
{
	const char *slash;

	if (src->archive)
		return source_archive_next(src->archive, fv);
	if (!src->root_is_file)
		return next_in_tree(src, fv);
	if (src->done)
		return 0;
	src->done = true;
	slash = strrchr(src->root, '/');
	strbuf_reset(&src->rel);
	strbuf_addstr(&src->rel, slash ? slash + 1 : src->root);
	if (!src->want(src->rel.buf, src->ud)) {
		struct diag_loc loc = {NULL, src->root, 0, 0};

		diag_error(&loc, "no reader for this kind of file");
		src->nerrors++;
		return 0;
	}
	if (read_file(src) != 0)
		return 0;
	return hand_out(src, fv);
}

void
source_defer_reads(struct source *src)
{
	src->defer = true;
}

int
source_read_now(struct source *src, struct file_view *fv)
{
	if (fv->data)
		return 0;
	if (read_file(src) != 0)
		return -1;
	hand_out(src, fv);
	return 0;
}

int
source_next_held(struct source *src, struct file_view *fv, struct strbuf *held)
{
	int r;

	diag_hold(held);
	r = source_next(src, fv);
	diag_hold(NULL);
	return r;
}

void
source_file_keep(struct source *src, const struct file_view *fv,
		 struct source_file *sf)
{
	memset(sf, 0, sizeof(*sf));
	if (!fv->data)
		sf->open_path = xstrdup(src->full.buf);
	else if (src->archive)
		sf->data = source_archive_take(src->archive);
	else
		sf->data = strbuf_detach(&src->data, NULL);
	sf->len = fv->len;
}

int
source_file_load(struct source_file *sf, struct strbuf *err)
{
	struct strbuf data = STRBUF_INIT;

	if (!sf->open_path)
		return 0;
	sf->read = source_read(sf->open_path, &data, err);
	if (sf->read) {
		strbuf_release(&data);
		return sf->read;
	}
	sf->data = strbuf_detach(&data, &sf->len);
	return 0;
}

void
source_file_count(const struct source_file *sf, unsigned *nread,
		  unsigned *nfailed)
{
	if (!sf->open_path)
		return;
	*nread += sf->read == 0;
	*nfailed += sf->read < 0;
}

void
source_file_release(struct source_file *sf)
{
	free(sf->open_path);
	free(sf->data);
	memset(sf, 0, sizeof(*sf));
}

unsigned
source_nerrors(const struct source *src)
{
	return src->nerrors +
	       (src->archive ? source_archive_nerrors(src->archive) : 0);
}

unsigned
source_nfiles(const struct source *src)
{
	return src->nfiles +
	       (src->archive ? source_archive_nfiles(src->archive) : 0);
}

void
source_display_path(const struct source *src, const char *rel,
		    struct strbuf *sb)
{
	if (src->root_is_file) {
		strbuf_addstr(sb, src->root);
		return;
	}
	if (src->archive) {
		strbuf_addstr(sb, src->root);
		strbuf_addch(sb, '!');
		strbuf_addstr(sb,
			      source_archive_member_name(src->archive, rel));
		return;
	}
	if (strcmp(src->root, ".")) {
		strbuf_addstr(sb, src->root);
		if (src->root[strlen(src->root) - 1] != '/')
			strbuf_addch(sb, '/');
	}
	strbuf_addstr(sb, rel);
}

void
source_free(struct source *src)
{
	if (!src)
		return;
	while (src->nframes)
		pop_dir(src);
	source_archive_free(src->archive);
	free(src->frames);
	free(src->seen);
	strbuf_release(&src->rel);
	strbuf_release(&src->full);
	strbuf_release(&src->data);
	free(src->root);
	free(src->real_root);
	free(src);
}
