/**
 * Versioned binary files for trained models: {@link org.engram.learning.io.ModelFile} writes a
 * {@link org.engram.learning.layered.LayeredNet}'s parameters and weights behind a magic number,
 * a format version and a checksum, and reads them back bit-exactly.
 */
package org.engram.learning.io;
