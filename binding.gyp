# Builds build/Release/tensorshell.node. Two choices are made at configure time by
# native/build-config.mjs (see native/README.md):
#   SIMD: -mavx2 -mfma and TS_AVX2=1 when this CPU has AVX2+FMA (TENSORSHELL_SIMD=portable|avx2 overrides).
#   CUDA: native/cuda/*.cu compiled by nvcc and cudart linked statically, with TS_CUDA=1, when nvcc
#         is found and TENSORSHELL_CUDA is not 0.
{
  'variables': {
    'ts_simd%': '<!(node native/build-config.mjs simd)',
    'ts_nvcc%': '<!(node native/build-config.mjs nvcc)',
  },
  'targets': [
    {
      'target_name': 'tensorshell',
      'sources': [
        'native/binding.cc',
        'native/binding_nn.cc',
        'native/binding_train.cc',
        'native/binding_io.cc',
        'native/binding_probes.cc',
        'native/binding_sigint.cc',
        'native/cpu/crc32c.cc',
        'native/cpu/optim.cc',
        'native/cpu/arg_reduce.cc',
        'native/cpu/build_info.cc',
        'native/cpu/cast.cc',
        'native/cpu/conv.cc',
        'native/cpu/elementwise.cc',
        'native/cpu/matmul.cc',
        'native/cpu/pool.cc',
        'native/cpu/probes.cc',
        'native/cpu/random.cc',
        'native/cpu/reduce.cc',
        'native/cpu/sgemm.cc',
        'native/cpu/sgemm_avx512.cc',
        'native/cpu/thread_pool.cc',
        'native/cpu/transpose.cc',
        'native/cpu/unary.cc',
        'native/cpu/zero_out.cc',
        'native/cpu/memory.cc',
        'native/cpu/xent.cc',
      ],
      'include_dirs': ['<!(node -e "require(\'nan\')")'],
      # Exceptions stay on so a failed std::thread start can be caught and the pool shrunk.
      'cflags!': ['-fno-exceptions'],
      'cflags_cc!': ['-fno-exceptions', '-std=gnu++17'],
      # No FMA contraction: elementwise results then match a step-by-step float computation exactly,
      # on every build; the matmul micro-kernel uses FMA explicitly.
      'cflags': ['-O3', '-fno-math-errno', '-fopenmp-simd', '-ffp-contract=off'],
      'cflags_cc': ['-std=c++17', '-fexceptions'],
      'conditions': [
        # GCC 12 can vectorise small integer reductions into MMX registers without the EMMS that
        # returns the x87 unit to the caller intact, which silently breaks V8's x87-based `%`
        # afterwards. Nothing here wants MMX.
        ['target_arch=="x64" or target_arch=="ia32"', {
          'cflags': ['-mno-mmx'],
        }],
        ['ts_simd=="avx2"', {
          'cflags': ['-mavx2', '-mfma'],
          'defines': ['TS_AVX2=1'],
        }],
        ['ts_nvcc!=""', {
          'variables': {
            'ts_cuda_lib': '<!(node native/build-config.mjs cuda-lib)',
          },
          'sources': [
            'native/cuda/elementwise.cu',
            'native/cuda/matmul.cu',
            'native/cuda/misc.cu',
            'native/cuda/reduce.cu',
            'native/cuda/runtime.cu',
          ],
          'defines': ['TS_CUDA=1'],
          'rules': [
            {
              'rule_name': 'nvcc',
              'extension': 'cu',
              'inputs': [
                'native/cuda/common.cuh',
                'native/cuda/kernels_cuda.h',
                'native/kernels.h',
                'native/ops.h',
                'native/philox.h',
                'native/scalar_ops.h',
              ],
              'outputs': ['<(INTERMEDIATE_DIR)/<(RULE_INPUT_ROOT)_cu.o'],
              'process_outputs_as_sources': 1,
              'message': 'nvcc <(RULE_INPUT_NAME)',
              # sm_80 (A100) and sm_90 (H100) machine code, plus compute_90 PTX that newer GPUs JIT.
              'action': [
                '<(ts_nvcc)', '-c', '<(RULE_INPUT_PATH)', '-o', '<@(_outputs)',
                '-O3', '-std=c++17', '--expt-relaxed-constexpr', '-DTS_CUDA=1',
                # Like the CPU build: no implicit FMA, so elementwise results agree with it.
                '--fmad=false',
                '-Xcompiler', '-fPIC',
                '-gencode', 'arch=compute_80,code=sm_80',
                '-gencode', 'arch=compute_90,code=sm_90',
                '-gencode', 'arch=compute_90,code=compute_90',
              ],
            },
          ],
          # cudart is linked statically so the addon needs only the driver (libcuda) at run time,
          # and its symbols are kept private to this .node.
          'libraries': [
            '-L<(ts_cuda_lib)',
            '-lcudart_static',
            '-ldl',
            '-lrt',
            '-lpthread',
            '-Wl,--exclude-libs,libcudart_static.a',
          ],
        }],
      ],
    },
  ],
}
