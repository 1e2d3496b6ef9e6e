/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-renderer"

#include "config.h"

#include <epoxy/gl.h>
#include <string.h>

#include "wb-renderer.h"

#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif

const char *
wb_renderer_for_gl (const char *gl_renderer)
{
  /* Mesa's software rasterisers name themselves so: "llvmpipe (LLVM 15.0.6, 256 bits)",
   * "softpipe", "Software Rasterizer" (swrast). */
  static const char * const software[] = { "llvmpipe", "softpipe", "software rasterizer", "swrast" };
  g_autofree char *folded = NULL;

  if (gl_renderer == NULL)
    return NULL;
  folded = g_ascii_strdown (gl_renderer, -1);
  for (guint i = 0; i < G_N_ELEMENTS (software); i++)
    if (strstr (folded, software[i]) != NULL)
      return "cairo";
  return NULL;
}

/* An X server without direct rendering (DRI2 or DRI3) nor NVIDIA's own (NV-GLX) gives
 * OpenGL only through Mesa's software rasteriser: Xvfb, Xvnc, most remote desktops. Asking
 * the server is one round trip; asking OpenGL loads the driver and LLVM first. */
#ifdef GDK_WINDOWING_X11
static gboolean
xdisplay_software_only (Display *xdisplay)
{
  static const char * const direct[] = { "DRI3", "DRI2", "NV-GLX" };
  int opcode, event, error;

  for (guint i = 0; i < G_N_ELEMENTS (direct); i++)
    if (XQueryExtension (xdisplay, direct[i], &opcode, &event, &error))
      return FALSE;
  return TRUE;
}
#endif

static gboolean
x11_software_only (GdkDisplay *display)
{
#ifdef GDK_WINDOWING_X11
  if (!GDK_IS_X11_DISPLAY (display))
    return FALSE;
  return xdisplay_software_only (gdk_x11_display_get_xdisplay (display));
#else
  return FALSE;
#endif
}

const char *
wb_renderer_choose_early (void)
{
#ifdef GDK_WINDOWING_X11
  const char *backend = g_getenv ("GDK_BACKEND");
  const char *debug = g_getenv ("GDK_DEBUG");
  g_autofree char *flags = NULL;
  Display *xdisplay;
  gboolean software;

  /* The user's (or a developer's) choice stands. */
  if (g_getenv ("GSK_RENDERER") != NULL)
    return NULL;
  /* Only where GDK will open an X display: under Wayland it does not load GLX. */
  if (backend != NULL ? !g_str_has_prefix (backend, "x11") : g_getenv ("WAYLAND_DISPLAY") != NULL)
    return NULL;
  xdisplay = XOpenDisplay (NULL);
  if (xdisplay == NULL)
    return NULL;
  software = xdisplay_software_only (xdisplay);
  XCloseDisplay (xdisplay);
  if (!software)
    return NULL;

  g_debug ("An X server without direct rendering: cairo, and no OpenGL at all");
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  /* GTK 4.8 has no other way to leave OpenGL alone: it is GDK_DEBUG's "gl-disable". */
  flags = debug != NULL && *debug != '\0' ? g_strconcat (debug, ",gl-disable", NULL) : g_strdup ("gl-disable");
  g_setenv ("GDK_DEBUG", flags, TRUE);
  return "cairo";
#else
  return NULL;
#endif
}

const char *
wb_renderer_choose (GdkDisplay *display)
{
  g_autoptr(GdkGLContext) context = NULL;
  g_autoptr(GError) error = NULL;
  const char *renderer;

  g_return_val_if_fail (GDK_IS_DISPLAY (display), NULL);

  /* The user's (or a developer's) choice stands. */
  if (g_getenv ("GSK_RENDERER") != NULL)
    return NULL;
  if (x11_software_only (display))
    {
      g_debug ("An X server without direct rendering: cairo");
      g_setenv ("GSK_RENDERER", "cairo", FALSE);
      return "cairo";
    }
  context = gdk_display_create_gl_context (display, &error);
  if (context == NULL || !gdk_gl_context_realize (context, &error))
    {
      /* No OpenGL at all: GTK draws with Cairo by itself. */
      g_debug ("No OpenGL: %s", error->message);
      return NULL;
    }
  gdk_gl_context_make_current (context);
  renderer = wb_renderer_for_gl ((const char *) glGetString (GL_RENDERER));
  g_debug ("OpenGL renderer %s: %s", (const char *) glGetString (GL_RENDERER),
           renderer != NULL ? renderer : "GTK's choice");
  gdk_gl_context_clear_current ();
  /* GSK reads it as the first window is realized. */
  if (renderer != NULL)
    g_setenv ("GSK_RENDERER", renderer, FALSE);
  return renderer;
}
