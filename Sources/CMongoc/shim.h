#ifndef CMONGOC_SHIM_H
#define CMONGOC_SHIM_H
#include <mongoc/mongoc.h> /* also brings <bson/bson.h> */

/* bson_t and bson_iter_t are BSON_ALIGNED(128): Swift cannot create them, so they live on the heap. */
_Static_assert(BSON_ALIGNOF(bson_t) == 128, "bson_t alignment assumed by cmongoc_bson_storage_new");
_Static_assert(BSON_ALIGNOF(bson_iter_t) == 128, "bson_iter_t alignment assumed by cmongoc_iter_new");

/* An over-aligned, zeroed bson_iter_t on the heap; free with cmongoc_iter_free. aligned_alloc wants the
   size to be a multiple of the alignment (C11 7.22.3.1; sizeof is 80, the alignment 128), so round it up. */
static inline bson_iter_t *cmongoc_iter_new(void) {
    const size_t align = BSON_ALIGNOF(bson_iter_t);
    return (bson_iter_t *)bson_aligned_alloc0(align, (sizeof(bson_iter_t) + align - 1) / align * align);
}

/* Frees an iterator made by cmongoc_iter_new. */
static inline void cmongoc_iter_free(bson_iter_t *iter) { bson_free(iter); }

/* bson_error_t.message is char[504], imported as a tuple: give Swift a C string. */
static inline const char *cmongoc_error_message(const bson_error_t *error) { return error->message; }

/* bson_t.len is a struct field of an over-aligned type Swift cannot read. */
static inline uint32_t cmongoc_bson_len(const bson_t *doc) { return doc->len; }

/* Heap storage for an "uninitialized bson_t" out-parameter (replies): bson_t cannot live on Swift's stack. */
static inline bson_t *cmongoc_bson_storage_new(void) {
    bson_t *doc = (bson_t *)bson_aligned_alloc0(BSON_ALIGNOF(bson_t), sizeof(bson_t));
    bson_init(doc);
    return doc;
}

/* Frees storage from cmongoc_bson_storage_new: its contents (bson_destroy) and then the struct itself. */
static inline void cmongoc_bson_storage_free(bson_t *doc) {
    bson_destroy(doc);
    bson_free(doc);
}
#endif
