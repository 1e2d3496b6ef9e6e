/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Which of GTK's renderers draws Werkbrug's windows.
 *
 * GTK 4.8 draws with OpenGL wherever it can, also where OpenGL is Mesa's software
 * rasteriser (llvmpipe, softpipe: a virtual machine, a remote desktop, a computer without a
 * graphics driver, Xvfb). Every frame is then rasterised whole on the processor, by threads
 * that compete with the application for it: some 10 to 15 ms of processor time a frame, and
 * many times that in waiting on a busy machine. Cairo draws on the processor too, but only
 * what changed, which is what a keystroke in a list changes.
 *
 * The renderer for the OpenGL renderer named @gl_renderer (GL_RENDERER): "cairo" for a
 * software rasteriser, NULL to leave GTK's choice. */
const char *wb_renderer_for_gl       (const char *gl_renderer);
/* Before the first window is shown: asks for the Cairo renderer (GSK_RENDERER) when OpenGL
 * on @display is a software rasteriser, unless GSK_RENDERER is set already. Returns the
 * renderer asked for, or NULL. */
const char *wb_renderer_choose       (GdkDisplay *display);
/* Before GTK starts (gtk_init): on an X server without direct rendering (Xvfb, Xvnc, most
 * remote desktops), where OpenGL can only be Mesa's software rasteriser, asks for the Cairo
 * renderer and tells GDK to leave OpenGL alone. GTK 4.8 otherwise loads OpenGL (the Mesa
 * driver and LLVM) as it opens the X display, some 150 ms of processor time at every start,
 * for a renderer that is then not used. Returns the renderer asked for, or NULL (the user's
 * GSK_RENDERER, Wayland, direct rendering: then wb_renderer_choose decides as before). */
const char *wb_renderer_choose_early (void);

G_END_DECLS
