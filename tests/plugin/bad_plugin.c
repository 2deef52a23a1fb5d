/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * bad_plugin: plugins firmscope must refuse, one per build flag:
 *   -DNO_INSTALL          exports qemu_plugin_version only
 *   -DNO_VERSION          exports qemu_plugin_install only
 *   -DBAD_VERSION=N       declares API version N (0, 99)
 *   -DINSTALL_RESULT=N    qemu_plugin_install returns N (-3)
 *   -DREJECT_ARGS         install fails (silently) if given any argument
 * None of them prints anything: the one line on stderr must be
 * firmscope's.
 */
#include <qemu-plugin.h>

#ifndef NO_VERSION
#ifdef BAD_VERSION
QEMU_PLUGIN_EXPORT int qemu_plugin_version = BAD_VERSION;
#else
QEMU_PLUGIN_EXPORT int qemu_plugin_version = QEMU_PLUGIN_VERSION;
#endif
#endif

#ifndef NO_INSTALL
QEMU_PLUGIN_EXPORT int qemu_plugin_install(qemu_plugin_id_t id,
                                           const qemu_info_t *info,
                                           int argc, char **argv)
{
    (void)id;
    (void)info;
    (void)argv;
#ifdef INSTALL_RESULT
    (void)argc;
    return INSTALL_RESULT;
#elif defined(REJECT_ARGS)
    return argc > 0 ? -1 : 0;
#else
    (void)argc;
    return 0;
#endif
}
#endif
