package org.engram.learning.train;

/**
 * The smooth stand-in for the derivative of the spike step function H(z), z = v - threshold,
 * used in the backward pass. Each has a slope {@code k > 0}; larger is sharper.
 *
 * <pre>
 *   FAST_SIGMOID  g(z) = 1 / (1 + k|z|)^2                      (Zenke and Ganguli 2018)
 *   ARCTAN        g(z) = (k/2) / (1 + (pi k z / 2)^2)          (Fang et al. 2021)
 *   TRIANGLE      g(z) = k max(0, 1 - k|z|)                    (Esser et al. 2016)
 * </pre>
 * {@link #smooth} is an antiderivative of {@code g} (shifted so that {@code smooth(0) = 1/2}); a test
 * switch of the trainer uses it in place of H in the forward pass, which makes the surrogate
 * gradient the exact gradient.
 */
public enum Surrogate {
    /** {@code g = 1 / (1 + k|z|)^2}; antiderivative {@code 1/2 + z / (1 + k|z|)}. */
    FAST_SIGMOID {
        @Override
        public float derivative(float z, float k) {
            float d = 1f + k * Math.abs(z);
            return 1f / (d * d);
        }

        @Override
        public float smooth(float z, float k) {
            return 0.5f + z / (1f + k * Math.abs(z));
        }
    },
    /** {@code g = (k/2) / (1 + (pi k z / 2)^2)}; antiderivative {@code 1/2 + atan(pi k z / 2) / pi}. */
    ARCTAN {
        @Override
        public float derivative(float z, float k) {
            float x = HALF_PI * k * z;
            return 0.5f * k / (1f + x * x);
        }

        @Override
        public float smooth(float z, float k) {
            return (float) (0.5 + StrictMath.atan(HALF_PI * k * z) / Math.PI);
        }
    },
    /** {@code g = k max(0, 1 - k|z|)}; antiderivative {@code 1/2 + k z - k^2 z|z| / 2}, clamped to [0, 1]. */
    TRIANGLE {
        @Override
        public float derivative(float z, float k) {
            float r = 1f - k * Math.abs(z);
            return r > 0f ? k * r : 0f;
        }

        @Override
        public float smooth(float z, float k) {
            float kz = k * z;
            if (kz >= 1f) {
                return 1f;
            }
            if (kz <= -1f) {
                return 0f;
            }
            return 0.5f + kz - 0.5f * kz * Math.abs(kz);
        }
    };

    private static final float HALF_PI = (float) (Math.PI / 2);

    /**
     * The surrogate derivative.
     *
     * @param z the membrane potential minus the threshold (dimensionless)
     * @param k the slope, {@code > 0}
     * @return g(z)
     */
    public abstract float derivative(float z, float k);

    /**
     * An antiderivative of {@link #derivative}, with value 1/2 at 0.
     *
     * @param z the membrane potential minus the threshold
     * @param k the slope
     * @return the smooth spike value
     */
    public abstract float smooth(float z, float k);
}
