/* The benchmark's physical ceiling: writes the same files (same relative paths, same sizes) that a
 * build wrote, into a fresh folder, with nothing but mkdir/open/write/close. No rendering.
 *
 *   ceiling LISTFILE TARGET      LISTFILE: lines "SIZE RELATIVE_PATH" (find DIR -type f -printf '%s %P\n')
 *
 * Prints: files seconds files_per_second
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static int make_parents(char *path) {
    for (char *p = path + 1; *p; p++) {
        if (*p != '/') continue;
        *p = 0;
        if (mkdir(path, 0755) != 0 && errno != EEXIST) { perror(path); return -1; }
        *p = '/';
    }
    return 0;
}

int main(int argc, char **argv) {
    if (argc != 3) { fprintf(stderr, "usage: ceiling LISTFILE TARGET\n"); return 64; }
    FILE *list = fopen(argv[1], "r");
    if (!list) { perror(argv[1]); return 1; }
    static char buffer[1 << 20];
    memset(buffer, 'x', sizeof buffer);
    char line[4096], path[8192], lastdir[8192] = "";
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    long files = 0;
    while (fgets(line, sizeof line, list)) {
        long size;
        char relative[4096];
        if (sscanf(line, "%ld %4095[^\n]", &size, relative) != 2) continue;
        snprintf(path, sizeof path, "%s/%s", argv[2], relative);
        char *slash = strrchr(path, '/');
        *slash = 0;
        if (strcmp(path, lastdir) != 0) {          /* a new folder, as the build creates one per customer */
            strcpy(lastdir, path);
            *slash = '/';
            if (make_parents(path) != 0) return 1;
        } else {
            *slash = '/';
        }
        int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        if (fd < 0) { perror(path); return 1; }
        for (long left = size; left > 0;) {
            long chunk = left < (long)sizeof buffer ? left : (long)sizeof buffer;
            ssize_t n = write(fd, buffer, chunk);
            if (n < 0) { if (errno == EINTR) continue; perror(path); return 1; }
            left -= n;
        }
        close(fd);
        files++;
    }
    clock_gettime(CLOCK_MONOTONIC, &end);
    double seconds = (end.tv_sec - start.tv_sec) + (end.tv_nsec - start.tv_nsec) / 1e9;
    printf("%ld %.3f %.0f\n", files, seconds, files / seconds);
    return 0;
}
