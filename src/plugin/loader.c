/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Loading plugins: -plugin [file=]PATH[,key=value]... options are kept
 * in order, then each .so is dlopen'ed, its qemu_plugin_version checked
 * against the range firmscope supports, and qemu_plugin_install called
 * with the qemu_info_t QEMU would give it. Each failure is one message
 * naming the plugin and the problem.
 */
#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core.h"
#include "error.h"
#include "qemu-plugin.h"

typedef int (*InstallFn)(qemu_plugin_id_t id, const qemu_info_t *info,
                         int argc, char **argv);

typedef struct PluginSpec {
    char *path;
    int argc;
    char **argv;
    struct PluginSpec *next;
} PluginSpec;

static PluginSpec *specs;
static PluginSpec **specs_tail = &specs;

static void spec_free(PluginSpec *s)
{
    if (!s) {
        return;
    }
    for (int i = 0; i < s->argc; i++) {
        free(s->argv[i]);
    }
    free(s->argv);
    free(s->path);
    free(s);
}

int plugin_add_spec(const char *text)
{
    PluginSpec *s = calloc(1, sizeof(*s));
    const char *p = text;

    if (!s) {
        return fs_error(FS_ENOMEM, "-plugin: out of memory");
    }
    while (*p) {
        size_t n = strcspn(p, ",");
        char *item = strndup(p, n);
        char **argv;

        if (!item) {
            spec_free(s);
            return fs_error(FS_ENOMEM, "-plugin: out of memory");
        }
        if (!s->path && (strncmp(item, "file=", 5) == 0 || !strchr(item, '='))) {
            s->path = strdup(strncmp(item, "file=", 5) == 0 ? item + 5 : item);
            free(item);
        } else {
            /* QEMU passes every other item to the plugin as "key=value" */
            argv = realloc(s->argv, (size_t)(s->argc + 2) * sizeof(*argv));
            if (!argv) {
                free(item);
                spec_free(s);
                return fs_error(FS_ENOMEM, "-plugin: out of memory");
            }
            s->argv = argv;
            s->argv[s->argc++] = item;
            s->argv[s->argc] = NULL;
        }
        p += n;
        if (*p == ',') {
            p++;
        }
    }
    if (!s->path || !*s->path) {
        spec_free(s);
        return fs_error(FS_EINVAL, "-plugin: '%s' names no plugin file "
                        "(expected [file=]PATH[,key=value]...)", text);
    }
    if (!s->argv) {
        s->argv = calloc(1, sizeof(*s->argv));
    }
    *specs_tail = s;
    specs_tail = &s->next;
    return 0;
}

bool plugin_specs_given(void)
{
    return specs != NULL;
}

static int load_one(PluginSpec *spec, const PluginTarget *target,
                    uint64_t id, Plugin ***tail)
{
    struct stat st;
    qemu_info_t info;
    PluginCaller ctx = { NULL, 0, -1 };
    const PluginCaller *saved = plugin_caller;
    Plugin *p;
    InstallFn install;
    const int *version;
    void *handle;
    int ret;

    if (stat(spec->path, &st) != 0) {
        return fs_error(FS_EIO, "plugin: %s: no such file", spec->path);
    }
    /* a path with a slash is used as is; dlopen would search otherwise */
    handle = dlopen(spec->path, RTLD_NOW | RTLD_LOCAL);
    if (!handle && !strchr(spec->path, '/')) {
        char *rel = malloc(strlen(spec->path) + 3);

        if (rel) {
            strcpy(rel, "./");
            strcat(rel, spec->path);
            handle = dlopen(rel, RTLD_NOW | RTLD_LOCAL);
            free(rel);
        }
    }
    if (!handle) {
        const char *why = dlerror();

        return fs_error(FS_EFORMAT, "plugin: %s: cannot load: %s", spec->path,
                        why ? why : "not a shared object");
    }
    version = dlsym(handle, "qemu_plugin_version");
    if (!version) {
        dlclose(handle);
        return fs_error(FS_EFORMAT, "plugin: %s: does not declare API "
                        "version 'qemu_plugin_version'", spec->path);
    }
    if (*version < PLUGIN_MIN_VERSION || *version > PLUGIN_MAX_VERSION) {
        int v = *version;

        dlclose(handle);
        return fs_error(FS_EFORMAT, "plugin: %s: requires API version %d, "
                        "but firmscope supports versions %d to %d",
                        spec->path, v, PLUGIN_MIN_VERSION,
                        PLUGIN_MAX_VERSION);
    }
    *(void **)&install = dlsym(handle, "qemu_plugin_install");
    if (!install) {
        dlclose(handle);
        return fs_error(FS_EFORMAT, "plugin: %s: has no qemu_plugin_install "
                        "function", spec->path);
    }
    p = calloc(1, sizeof(*p));
    if (!p) {
        dlclose(handle);
        return fs_error(FS_ENOMEM, "plugin: out of memory");
    }
    p->id = id;
    p->version = *version;
    p->handle = handle;
    p->path = spec->path;
    p->argc = spec->argc;
    p->argv = spec->argv;
    spec->path = NULL;
    spec->argv = NULL;
    spec->argc = 0;
    p->installed = true; /* registrations during install must be accepted */
    **tail = p;
    *tail = &p->next;

    memset(&info, 0, sizeof(info));
    info.target_name = target->target_name;
    info.version.min = PLUGIN_MIN_VERSION;
    info.version.cur = PLUGIN_MAX_VERSION;
    info.system_emulation = true;
    info.system.smp_vcpus = target->smp_vcpus;
    info.system.max_vcpus = target->max_vcpus;
    /* registrations during install are the plugin's own */
    ctx.plugin = p;
    plugin_caller = &ctx;
    ret = install(p->id, &info, p->argc, p->argv);
    plugin_caller = saved;
    if (ret != 0) {
        p->installed = false;
        return fs_error(FS_EINVAL, "plugin: %s: qemu_plugin_install returned "
                        "error code %d", p->path, ret);
    }
    return 0;
}

int plugin_load_all(const PluginTarget *target)
{
    Plugin **tail = &plugin_state.plugins;
    uint64_t id = 1;

    plugin_state.target = target;
    while (specs) {
        PluginSpec *s = specs;
        int ret;

        specs = s->next;
        ret = load_one(s, target, id++, &tail);
        spec_free(s);
        if (ret < 0) {
            while (specs) {
                s = specs;
                specs = s->next;
                spec_free(s);
            }
            specs_tail = &specs;
            return ret;
        }
    }
    specs_tail = &specs;
    return 0;
}

void plugin_unload_all(void)
{
    Plugin *p = plugin_state.plugins;

    plugin_state.plugins = NULL;
    while (p) {
        Plugin *next = p->next;

        /* leave the code mapped: its atexit output may still be buffered */
        for (int i = 0; i < p->argc; i++) {
            free(p->argv[i]);
        }
        free(p->argv);
        free(p->path);
        free(p);
        p = next;
    }
    while (plugin_state.scoreboards) {
        plugin_scoreboard_free(plugin_state.scoreboards);
    }
    plugin_discon_mask = 0;
    plugin_tb_trans_wanted = false;
}
